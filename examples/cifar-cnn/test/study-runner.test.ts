import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPreprocessing } from '@dlkit-examples/common';
import { initBackend, shutdownBackend } from '@dlkit/backend';
import { loadData, type LoadDataOptions } from '../src/data';
import { runStudies, type StudyResult } from '../src/studies';
import { runStudiesAsTrials } from '../src/study-runner';
import { studyPlan, variantSlug } from '../src/variants';

// A tiny stand-in and tiny nets: one dropout variant (seeded masks) and one batch-norm variant, 2 epochs.
const dataOptions: LoadDataOptions = { trainPerClass: 3, testPerClass: 2, seed: 1 };
const plans = studyPlan(['cifarnet', 'deep'], { cifarFilters: [2, 2, 4], deepFilters: [2, 4], deepUnits: [6, 4] });
for (const p of plans)
  p.variants = p.variants.filter((v) => v.name === 'dropout 0.5' || v.name === 'no batch norm' || v.name === 'ReLU (baseline)');
const numbers = (studies: StudyResult[]) =>
  studies.map((s) => [
    s.id,
    s.variants.map((v) => [v.name, v.parameters, v.testAccuracy, v.testLoss, v.finalTrainLoss, v.history.map((h) => h.loss)]),
  ]);

beforeAll(async () => {
  // The trials' engine: one thread (more threads split reductions differently, so numbers differ in the last bits).
  await initBackend({ threads: 1 });
});
afterAll(async () => {
  await shutdownBackend();
});

describe('runStudiesAsTrials (the studies through @dlkit/sweep)', () => {
  it("gives runStudies' numbers in this process and in 2 worker processes", async () => {
    const data = await loadData(dataOptions);
    const reference = await runStudies(plans, data.train, data.test, { epochs: 2, seed: 1, augment: true });
    const inline = await runStudiesAsTrials(plans, { data: dataOptions, epochs: 2, seed: 1, augment: true, workers: 0 });
    expect(numbers(inline.studies)).toEqual(numbers(reference));
    const local = await runStudiesAsTrials(plans, {
      data: dataOptions,
      epochs: 2,
      seed: 1,
      augment: true,
      workers: 2,
      execArgv: ['--import', 'tsx'],
    });
    expect(numbers(local.studies)).toEqual(numbers(reference));
    expect(local.report.records.map((r) => r.id)).toEqual([
      'cifarnet: dropout 0.5',
      'deep: ReLU (baseline)',
      'deep: no batch norm',
    ]);
    expect(new Set(local.report.records.map((r) => r.where.pid)).size).toBe(3);
  }, 240_000);
  it('runs each variant on --threads engine threads, which are part of its settings (and key)', async () => {
    const one = plans.slice(0, 1).map((p) => ({ ...p, variants: p.variants.slice(0, 1) }));
    const run = await runStudiesAsTrials(one, { data: dataOptions, epochs: 1, seed: 1, augment: false, workers: 0, threads: 2 });
    const [record] = run.report.records;
    if (record === undefined) throw new Error('no trial record');
    expect((record.result as { engine: string }).engine).toMatch(/\(2 threads\)$/);
    expect((record.settings as { threads?: number }).threads).toBe(2);
    const single = await runStudiesAsTrials(one, { data: dataOptions, epochs: 1, seed: 1, augment: false, workers: 0 });
    expect((single.report.records[0]?.result as { engine: string } | undefined)?.engine).toMatch(/\(1 thread\)$/);
    expect(single.report.records[0]?.key).not.toBe(record.key);
  }, 120_000);
  it("keeps the input statistics beside each variant's checkpoints, for whoever loads the network later", async () => {
    const root = await mkdtemp(join(tmpdir(), 'cifar-cnn-ck-'));
    try {
      const one = plans.slice(0, 1).map((p) => ({ ...p, variants: p.variants.slice(0, 1) }));
      const spec = one[0]?.variants[0];
      if (spec === undefined) throw new Error('no variant');
      await runStudiesAsTrials(one, { data: dataOptions, epochs: 1, seed: 1, augment: false, workers: 0, checkpointRoot: root });
      const dir = join(root, variantSlug(spec));
      expect(await readdir(dir)).toEqual(expect.arrayContaining(['latest.json', 'epoch-0001', 'preprocessing.json']));
      const data = await loadData(dataOptions);
      expect(await readPreprocessing(dir)).toEqual({
        format: 'dlkit-preprocessing',
        version: 1,
        normalization: data.stats,
        trainImages: data.train.shape[0],
        source: data.source,
        classNames: [...data.train.classNames],
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }, 120_000);
});
