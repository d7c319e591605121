import { describe, expect, it } from 'vitest';
import { CIFAR10_CLASS_NAMES } from '../src/class-names';
import { planCifarTree } from '../src/cifar-tree-parse';
import { catchSync } from './helpers';

const every = (split: string, prefix = '') => CIFAR10_CLASS_NAMES.map((c) => `${prefix}${split}/${c}/0000.jpg`);

describe('planCifarTree', () => {
  it('orders by CIFAR label, then folder, then name; ignores non-images; accepts one leading folder', () => {
    const paths = [
      ...every('test', 'cifar10/'),
      'cifar10/README.txt',
      'cifar10/train/truck/b.png',
      'cifar10/train/truck/a.JPG',
      ...every('train', 'cifar10/'),
      'cifar10/train/airplane/sub/0.jpg',
    ];
    const plan = planCifarTree(paths, CIFAR10_CLASS_NAMES, 'x.tar');
    expect(plan.train.map((i) => i.label)).toEqual([0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9]);
    expect(plan.train.slice(0, 2).map((i) => i.path)).toEqual([
      'cifar10/train/airplane/0000.jpg',
      'cifar10/train/airplane/sub/0.jpg',
    ]);
    expect(plan.train.slice(-3).map((i) => i.path)).toEqual([
      'cifar10/train/truck/0000.jpg',
      'cifar10/train/truck/a.JPG',
      'cifar10/train/truck/b.png',
    ]);
    expect(plan.test).toHaveLength(10);
  });

  it('refuses images outside class folders or under two different trees', () => {
    const outside = catchSync(() =>
      planCifarTree([...every('train'), ...every('test'), 'train/x.jpg'], CIFAR10_CLASS_NAMES, 'a'),
    );
    expect(outside.code).toBe('MISMATCH');
    expect(outside.received).toBe('train/x.jpg');
    const nowhere = catchSync(() => planCifarTree(['cat/1.jpg'], CIFAR10_CLASS_NAMES, 'a'));
    expect(nowhere.code).toBe('MISMATCH');
    const two = catchSync(() => planCifarTree([...every('train', 'a/'), ...every('test', 'b/')], CIFAR10_CLASS_NAMES, 'a'));
    expect(two.expected).toContain('a/train|test/');
  });
});
