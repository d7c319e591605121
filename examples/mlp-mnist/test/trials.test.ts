import { describe, expect, it } from 'vitest';
import { defineSweep, runSweep, type TrialRecord } from '@dlkit/sweep';
import { allSettings } from '../src/settings';
import { FOLD_TRIAL, type FoldTrialResult, type FoldTrialSettings } from '../src/trials';

// Two settings × 2 folds of a 16-unit MLP, one epoch: the study's grid at its smallest.
const settings = allSettings(0.05).filter((s) => s.name === 'relu-sgd' || s.name === 'relu-momentum-noise');
const sweep = defineSweep({
  name: 'mlp-mnist-test',
  trials: settings.flatMap((setting) =>
    [0, 1].map((fold) => ({
      id: `${setting.name} fold ${fold + 1}`,
      trial: FOLD_TRIAL,
      seed: 1000 + fold,
      settings: {
        setting: { ...setting },
        hidden: [16],
        epochs: 1,
        batchSize: 64,
        folds: 2,
        fold,
        splitSeed: 1,
      } satisfies FoldTrialSettings,
    })),
  ),
});
const numbers = (records: TrialRecord[]) =>
  records.map((r) => {
    const f = r.result as unknown as FoldTrialResult;
    return [
      r.id,
      f.fold,
      f.trainSize,
      f.valSize,
      f.valAccuracy,
      f.valLoss,
      f.confusion,
      f.reportText,
      f.history.map((h) => h.loss),
    ];
  });

describe('foldTrial (the cross-validation grid through @dlkit/sweep)', () => {
  it('gives the same fold results in this process and in 2 worker processes', async () => {
    const inline = await runSweep(sweep, { workers: 0 });
    expect(inline.failed).toBe(0);
    const local = await runSweep(sweep, { workers: 2, execArgv: ['--import', 'tsx'] });
    expect(local.failed).toBe(0);
    expect(numbers(local.records)).toEqual(numbers(inline.records));
    const first = inline.records[0]?.result as unknown as FoldTrialResult;
    // A 2-fold split of the 8,000 training images: each fold trains on half and scores the other half.
    expect([first.trainSize, first.valSize]).toEqual([4000, 4000]);
    expect(first.confusion.rows.flat().reduce((a, b) => a + b, 0)).toBe(4000);
    // The noise setting trains on the fold plus its noisy copy, and differs from plain SGD.
    expect((inline.records[2]!.result as unknown as FoldTrialResult).valAccuracy).not.toBe(first.valAccuracy);
  }, 300_000);
});
