import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@dlkit/backend';
import { fixedSubset, loadSweepData, type SweepData } from '../src/data';
import { QUICK } from '../src/quick';
import { runSweep, type SweepResult } from '../src/sweep';
import { runSweepTrials } from '../src/sweep-runner';

let data: SweepData;
let dir: string;
beforeAll(async () => {
  await initBackend({ threads: 1 });
  data = await loadSweepData('mnist');
  dir = mkdtempSync(join(tmpdir(), 'convnet-sweep-trials-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A 2-setting × 2-seed grid of tiny nets: small enough to start four trial processes in a test.
const grid = {
  factors: ['pooling'] as const,
  baseline: QUICK.baseline,
  levels: { ...QUICK.levels, pooling: ['max', 'l2'] as const },
  samples: 60,
  epochs: 1,
  seeds: 2,
  seed: 3,
  evalSize: 100,
  batchSize: 32,
  learningRate: 0.001,
};
const numbers = (s: SweepResult) =>
  s.settings.map((x) => [x.id, x.parameters, x.runs.map((r) => [r.seed, r.accuracy, r.loss, r.trainAccuracy])]);

describe('runSweepTrials (the grid through @dlkit/sweep)', () => {
  it("gives the in-process sweep's numbers, whether the trials run in this process or in 2 worker processes", async () => {
    const reference = await runSweep({
      ...grid,
      factors: [...grid.factors],
      levels: { ...grid.levels, pooling: [...grid.levels.pooling] },
      train: data.train,
      evalSet: fixedSubset(data.test, 100),
      warmup: false,
    });
    const common = {
      ...grid,
      factors: [...grid.factors],
      levels: { ...grid.levels, pooling: [...grid.levels.pooling] },
      data: 'mnist' as const,
    };
    const inline = await runSweepTrials({ ...common, workers: 0 });
    expect(numbers(inline.sweep)).toEqual(numbers(reference));
    expect(inline.sweep.best).toBe(reference.best);
    const results = join(dir, 'trials.jsonl');
    const local = await runSweepTrials({ ...common, workers: 2, resultsFile: results, execArgv: ['--import', 'tsx'] });
    expect(numbers(local.sweep)).toEqual(numbers(reference));
    expect(local.report.records.map((r) => r.where.worker).sort()).toEqual(['local-1', 'local-1', 'local-2', 'local-2']);
    expect(local.report.records.every((r) => (r.result as { engine: string }).engine.includes('1 thread'))).toBe(true);
    // A second run finds every trial in the results file and runs none.
    const again = await runSweepTrials({ ...common, workers: 2, resultsFile: results });
    expect([again.report.ran, again.report.reused]).toEqual([0, 4]);
    expect(numbers(again.sweep)).toEqual(numbers(reference));
  }, 180_000);
});
