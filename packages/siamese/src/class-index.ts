import { check } from './errors';

/** Sample indices grouped by class. Internal. */
export interface ClassIndex {
  /** Distinct class ids, ascending. */
  readonly classes: Int32Array;
  /** `members[k]`: indices of the samples of class `classes[k]`. */
  readonly members: readonly Int32Array[];
  /** Position `k` in `classes` of each sample's class. */
  readonly slot: Int32Array;
  /** Number of samples. */
  readonly size: number;
}

/** Groups `labels` by class; needs at least two classes. Internal. */
export function classIndex(labels: ArrayLike<number>, argument = 'labels'): ClassIndex {
  check(
    labels !== null && typeof labels === 'object' && typeof labels.length === 'number',
    argument,
    labels,
    'an array of integer class labels',
  );
  check(labels.length >= 2, argument, `length ${labels.length}`, 'at least 2 labels');
  const groups = new Map<number, number[]>();
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    check(Number.isInteger(y), `${argument}[${i}]`, y, 'an integer class label');
    let g = groups.get(y);
    if (g === undefined) groups.set(y, (g = []));
    g.push(i);
  }
  const classes = Int32Array.from([...groups.keys()].sort((a, b) => a - b));
  check(
    classes.length >= 2,
    argument,
    `${classes.length} distinct class`,
    'at least 2 classes (pairs of different classes are needed)',
  );
  const members = [...classes].map((c) => Int32Array.from(groups.get(c) as number[]));
  const slot = new Int32Array(labels.length);
  members.forEach((m, k) => m.forEach((i) => (slot[i] = k)));
  return { classes, members, slot, size: labels.length };
}
