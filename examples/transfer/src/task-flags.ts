import { check } from './errors';

/** The experiments of this example. */
export const TASKS = ['cifar10-split', 'cifar100'] as const;
/** `cifar10-split`: 5 CIFAR-10 classes → the other 5 with few labels; `cifar100`: CIFAR-10 → CIFAR-100. */
export type TaskName = (typeof TASKS)[number];

/**
 * The `--task` flag: the CIFAR-10 split task unless told otherwise — it runs on real data wherever CIFAR-10 is,
 * while CIFAR-100 is rarer (its generated stand-in is used when missing).
 */
export function parseTask(value: string | undefined): TaskName {
  const task = value ?? 'cifar10-split';
  check((TASKS as readonly string[]).includes(task), '--task', value, `one of ${TASKS.join(', ')}`);
  return task as TaskName;
}

/**
 * A comma-separated list of labelled-set sizes (`--labels-per-class 10,50,250`): positive integers, each once,
 * returned ascending (the curve's x axis).
 */
export function parseSizes(value: string, flag: string): number[] {
  const items = value.split(',').map((s) => s.trim());
  const sizes = items.map(Number);
  check(
    items.length > 0 && items.every((s, i) => /^\d+$/.test(s) && sizes[i] > 0),
    flag,
    value,
    'comma-separated positive integers, e.g. 10,50,250',
  );
  check(new Set(sizes).size === sizes.length, flag, value, 'each size once');
  return sizes.sort((a, b) => a - b);
}

/** `--test-per-class`: a positive integer, or `all`. */
export function parseTestPerClass(value: string, flag = '--test-per-class'): number | 'all' {
  if (value.trim() === 'all') return 'all';
  check(/^\d+$/.test(value.trim()) && Number(value) > 0, flag, value, 'a positive integer or "all"');
  return Number(value);
}

/** Flags that only one task reads: given with the other task, they are refused rather than silently ignored. */
export const TASK_ONLY_FLAGS: Record<TaskName, readonly string[]> = {
  'cifar10-split': [
    'base-classes',
    'labels-per-class',
    'base-train-per-class',
    'base-test-per-class',
    'full',
    'checkpoint',
    'resume',
    'estimate-only',
    'epoch-images',
  ],
  cifar100: [
    'base-train',
    'base-test',
    'train-per-class',
    'pretrained',
    'folder',
    'folder-size',
    'folder-epochs',
    'folder-lr',
    'no-folder',
    'save-base',
    'target',
  ],
};

/**
 * Checks that none of `given` belongs only to the other task.
 *
 * @example
 * ```ts
 * checkTaskFlags('cifar100', ['labels-per-class']); // throws: --labels-per-class applies to --task cifar10-split
 * ```
 */
export function checkTaskFlags(task: TaskName, given: readonly string[]): void {
  for (const other of TASKS) {
    if (other === task) continue;
    const wrong = given.find((f) => TASK_ONLY_FLAGS[other].includes(f));
    check(wrong === undefined, `--${wrong}`, `--task ${task}`, `--task ${other} (the flag applies to that task only)`);
  }
}
