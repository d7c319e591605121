import { describe, expect, it } from 'vitest';
import { TransferError } from '../src/errors';
import { TASK_ONLY_FLAGS, checkTaskFlags, parseSizes, parseTask, parseTestPerClass } from '../src/task-flags';

const error = (f: () => unknown): TransferError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TransferError);
    return e as TransferError;
  }
  throw new Error('no error');
};

describe('task flags', () => {
  it('--task: the CIFAR-10 split unless told otherwise; unknown tasks are named with the choices', () => {
    expect(parseTask(undefined)).toBe('cifar10-split');
    expect(parseTask('cifar100')).toBe('cifar100');
    const e = error(() => parseTask('cifar1000'));
    expect(e.message).toBe('--task: expected one of cifar10-split, cifar100, received "cifar1000"');
  });

  it('--labels-per-class: positive integers, each once, sorted', () => {
    expect(parseSizes('250,10, 50', '--labels-per-class')).toEqual([10, 50, 250]);
    for (const bad of ['10,x', '0,10', '10,,50', '-5', '2.5', ''])
      expect(error(() => parseSizes(bad, '--labels-per-class')).argument).toBe('--labels-per-class');
    expect(error(() => parseSizes('10,10', '--labels-per-class')).expected).toBe('each size once');
  });

  it('--test-per-class: a positive integer or all', () => {
    expect(parseTestPerClass('all')).toBe('all');
    expect(parseTestPerClass('200')).toBe(200);
    expect(error(() => parseTestPerClass('0')).expected).toBe('a positive integer or "all"');
    expect(error(() => parseTestPerClass('most')).received).toBe('most');
  });

  it('refuses a flag of the other task instead of ignoring it', () => {
    expect(() => checkTaskFlags('cifar10-split', ['labels-per-class', 'epochs', 'full'])).not.toThrow();
    expect(() => checkTaskFlags('cifar100', ['train-per-class', 'folder', 'epochs'])).not.toThrow();
    const e = error(() => checkTaskFlags('cifar100', ['epochs', 'labels-per-class']));
    expect(e.message).toBe(
      '--labels-per-class: expected --task cifar10-split (the flag applies to that task only), received "--task cifar100"',
    );
    expect(error(() => checkTaskFlags('cifar10-split', ['no-folder'])).argument).toBe('--no-folder');
    // no flag belongs to both tasks
    expect(TASK_ONLY_FLAGS.cifar100.filter((f) => TASK_ONLY_FLAGS['cifar10-split'].includes(f))).toEqual([]);
  });
});
