import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReproduceError } from '../src/errors';
import { dataPaths } from '../src/paths';
import { duration, formatPlan, planExperiments, selectExperiments } from '../src/plan';

const dir = mkdtempSync(join(tmpdir(), 'reproduce-plan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the plan', () => {
  const data = join(dir, 'data');
  mkdirSync(join(data, 'cifar10', 'cifar-10-batches-bin'), { recursive: true });
  mkdirSync(join(data, 'ptb'), { recursive: true });
  writeFileSync(join(data, 'ptb', 'ptb.train.txt'), 'a b\n');
  writeFileSync(join(data, 'ptb', 'ptb.valid.txt'), 'a b\n');
  const fashion = join(dir, 'fashion');
  mkdirSync(fashion);

  it('finds CIFAR-10 as binary batches, runs what has its data and names the missing file of the rest', () => {
    const paths = dataPaths(data, fashion);
    expect(paths.cifar10).toBe(join(data, 'cifar10'));
    const plan = planExperiments({ paths, quick: false, out: join(dir, 'out'), python: 'py', pythonHasTorch: () => true });
    const status = Object.fromEntries(plan.map((p) => [p.experiment.id, p.missing.map((m) => m.path)]));
    expect(status['cifar-tf']).toEqual([]);
    expect(status['fashion-convnet']).toEqual([]);
    expect(status.rnnlm).toEqual([join(data, 'ptb', 'ptb.test.txt')]);
    // The PyTorch script reads image archives only.
    expect(status['pytorch-cifar']).toEqual([join(data, 'cifar10', 'cifar10-jpg.tar.gz')]);
    const text = formatPlan(plan, { quick: false, python: 'py' });
    expect(text).toContain('6 of 8 experiments');
    expect(text).toContain(`rnnlm — SKIPPED: missing ${join(data, 'ptb', 'ptb.test.txt')}: Penn Treebank: DATA/ptb/ptb.test.txt`);
    expect(text).toContain(`--root ${join(data, 'cifar10')}`);
    const total = plan.filter((p) => p.command).reduce((s, p) => s + p.expected.seconds, 0);
    expect(text).toContain(`expected total: ${duration(total)}`);
  });

  it('skips the PyTorch peer with the reason when Python has no torch', () => {
    const plan = planExperiments({
      paths: dataPaths(data, fashion),
      quick: true,
      out: join(dir, 'q'),
      python: '/nowhere/python',
      only: ['pytorch-cifar', 'rnnlm'],
      pythonHasTorch: () => false,
    });
    expect(plan.map((p) => p.experiment.id)).toEqual(['pytorch-cifar', 'rnnlm']);
    expect(plan[0].missing).toEqual([{ path: '/nowhere/python', what: expect.stringContaining('torch') }]);
    expect(plan[1].command?.args).toContain('--hidden');
  });

  it('refuses an unknown experiment with a ReproduceError listing the names', () => {
    expect(() => selectExperiments(['rnnlm', 'nope'])).toThrow(ReproduceError);
    expect(() => selectExperiments(['nope'])).toThrow(/expected some of cifar-tf, pytorch-cifar/);
  });

  it('prints durations readably', () => {
    expect(duration(40)).toBe('40 s');
    expect(duration(12 * 60)).toBe('12 min');
    expect(duration(3 * 3600 + 5 * 60)).toBe('3 h 05 min');
  });
});
