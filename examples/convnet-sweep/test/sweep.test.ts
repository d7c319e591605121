import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@dlkit/backend';
import { fixedSubset, loadSweepData, type SweepData } from '../src/data';
import { SweepError } from '../src/errors';
import { QUICK } from '../src/quick';
import { sweepJson } from '../src/report';
import { FACTORS } from '../src/settings';
import { bestSetting, runSweep, type SettingResult } from '../src/sweep';

let data: SweepData;

beforeAll(async () => {
  await initBackend();
  data = await loadSweepData('mnist');
});

const tiny = (over: Partial<Parameters<typeof runSweep>[0]> = {}) => ({
  train: data.train,
  evalSet: fixedSubset(data.test, 100),
  factors: FACTORS,
  samples: 60,
  epochs: 1,
  seeds: 2,
  seed: 3,
  baseline: QUICK.baseline,
  levels: QUICK.levels,
  ...over,
});

describe('runSweep (smoke: the whole sweep in-process with tiny nets)', () => {
  it('trains every distinct setting once per seed, summarises them, frees every tensor', async () => {
    const before = tf.memory().numTensors;
    const events: number[] = [];
    const sweep = await runSweep(tiny({ onRun: (e) => events.push(e.index) }));
    expect(tf.memory().numTensors).toBe(before);
    // baseline + 2 other levels for each of the 4 factors, 2 seeds each
    expect(sweep.settings).toHaveLength(9);
    expect(events).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(sweep.rows).toHaveLength(12);
    expect(sweep.rows.filter((r) => r.isBaseline)).toHaveLength(4);
    expect(sweep.settings[0].setting).toEqual(QUICK.baseline);
    for (const s of sweep.settings) {
      expect(s.runs.map((r) => r.seed)).toEqual([3, 4]);
      for (const r of s.runs) {
        expect(r.accuracy).toBeGreaterThanOrEqual(0);
        expect(r.accuracy).toBeLessThanOrEqual(1);
        expect(r.trainSeconds).toBeGreaterThan(0);
        expect(Number.isFinite(r.loss)).toBe(true);
      }
      expect(s.accuracy.n).toBe(2);
      expect(s.accuracy.mean).toBeCloseTo((s.runs[0].accuracy + s.runs[1].accuracy) / 2, 12);
      expect(s.parameters).toBeGreaterThan(0);
    }
    expect(sweep.best).toBe(bestSetting(sweep.settings).id);
    const best = sweep.settings.find((s) => s.id === sweep.best) as SettingResult;
    expect(Math.max(...sweep.settings.map((s) => s.accuracy.mean))).toBe(best.accuracy.mean);

    // The JSON survives a round trip with the documented shape.
    const json = JSON.parse(JSON.stringify(sweepJson(sweep, null, { dataset: 'MNIST', engine: 'test' }, { total: 1 }))) as Record<
      string,
      unknown
    >;
    expect(Object.keys(json).sort()).toEqual(['best', 'example', 'full', 'info', 'protocol', 'settings', 'table', 'timing']);
    expect(json.full).toBeNull();
    expect(json.protocol).toMatchObject({ samples: 60, epochs: 1, seeds: [3, 4], evalSize: 100, optimizer: 'adam' });
    const table = json.table as Array<Record<string, unknown>>;
    expect(table).toHaveLength(12);
    expect(Object.keys(table[0]).sort()).toEqual([
      'accuracyMean',
      'accuracyStd',
      'deltaMean',
      'deltaStd',
      'description',
      'factor',
      'isBaseline',
      'level',
      'parameters',
      'settingId',
      'trainSecondsMean',
      'trainSecondsStd',
    ]);
    const settings = json.settings as Array<{ runs: unknown[]; accuracy: { mean: number; std: number } }>;
    expect(settings).toHaveLength(9);
    expect(settings[0].runs).toHaveLength(2);
    expect((json.timing as Record<string, number>).sweep).toBeGreaterThan(0);
  });

  it('is reproducible, dropout included: the same seeds give the same accuracies and losses', async () => {
    const opts = tiny({
      factors: ['pooling', 'dropout'],
      levels: { ...QUICK.levels, pooling: ['max'], dropout: [0.5] },
      seeds: 1,
      samples: 40,
      warmup: false,
    });
    const a = await runSweep(opts);
    const b = await runSweep(opts);
    expect(b.settings.map((s) => s.runs.map((r) => [r.accuracy, r.loss]))).toEqual(
      a.settings.map((s) => s.runs.map((r) => [r.accuracy, r.loss])),
    );
  });

  it('rejects impossible sizes with a SweepError naming the option', async () => {
    await expect(runSweep(tiny({ samples: data.train.shape[0] + 1 }))).rejects.toThrow(SweepError);
    await expect(runSweep(tiny({ seeds: 0 }))).rejects.toThrow(/seeds/);
    await expect(runSweep(tiny({ factors: [] }))).rejects.toThrow(/factors/);
  });
});
