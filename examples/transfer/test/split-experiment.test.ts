import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@dlkit/backend';
import { TransferError } from '../src/errors';
import { loadSplitData, type SplitData } from '../src/split-data';
import {
  repeatToAtLeast,
  runSplitExperiment,
  splitProgress,
  type SplitExperimentOptions,
  type SplitRunResult,
} from '../src/split-experiment';
import { splitHtml } from '../src/split-html';
import { labelsCurveRows, labelsCurveTable, splitHeadline, splitRunRows } from '../src/split-summary';
import { writeOrderedCifar10 } from './helpers';

let dir = '';
let data: SplitData;
beforeAll(async () => {
  await initBackend();
  dir = await mkdtemp(join(tmpdir(), 'transfer-split-exp-'));
  await writeOrderedCifar10(join(dir, 'cifar'), 12, 6);
  data = await loadSplitData({
    root: join(dir, 'cifar'),
    baseTrainPerClass: 10,
    baseTestPerClass: 4,
    labelsPerClass: [2, 6],
    curveTestPerClass: 3,
    seed: 2,
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const OPTIONS: SplitExperimentOptions = {
  filters: [4, 4],
  units: [16, 8],
  seed: 2,
  batchSize: 16,
  baseEpochs: 2,
  baseLearningRate: 0.001,
  epochs: 2,
  epochImages: 20,
  learningRates: [0.003, 0.001],
  methods: ['feature extractor', 'fine-tune', 'from scratch'],
};

describe('repeatToAtLeast', () => {
  it('repeats a small set whole, every image equally often, and leaves a large enough set alone', () => {
    const d = data.targetTrain[0].data; // 10 images
    const r = repeatToAtLeast(d, 25);
    expect(r.shape).toEqual([30, 32, 32, 3]);
    expect(Array.from(r.labels)).toEqual([...d.labels, ...d.labels, ...d.labels]);
    expect(r.images.subarray(20 * 3072)).toEqual(d.images);
    expect(repeatToAtLeast(d, 10)).toBe(d);
    expect(repeatToAtLeast(d, 0)).toBe(d);
  });
});

describe('runSplitExperiment (tiny CIFAR-10 in the binary format, 5 classes → the other 5)', () => {
  let first: { runs: SplitRunResult[]; baseHistory: unknown };

  it('trains the base net on the base classes, then every labelled set × method × lr, leaking no tensor', async () => {
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const r = await runSplitExperiment(data, OPTIONS, {
      workDir: join(dir, 'run'),
      onRun: (run, reused) => seen.push(`${run.labelsPerClass} ${run.method} ${run.learningRate} ${reused}`),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.base.reused).toBe(false);
    expect(r.base.history).toHaveLength(2);
    expect(r.runs).toHaveLength(2 * 2 * 3);
    expect(seen[0]).toBe('2 feature extractor 0.003 false');
    expect(seen[11]).toBe('6 from scratch 0.001 false');
    for (const run of r.runs) {
      expect(run.curve).toHaveLength(2);
      expect(run.finalTestAccuracy).toBeGreaterThanOrEqual(0);
      expect(run.finalTestAccuracy).toBeLessThanOrEqual(1);
      expect(run.trainImages).toBe(run.labelsPerClass * 5);
    }
    // the 10-image set is repeated to 20 per epoch, the 30-image set is not
    expect(r.runs.filter((x) => x.labelsPerClass === 2).every((x) => x.epochImages === 20)).toBe(true);
    expect(r.runs.filter((x) => x.labelsPerClass === 6).every((x) => x.epochImages === 30)).toBe(true);
    // the frozen body leaves the new head only: 8 fc2 features → 5 target classes
    const fe = r.runs.find((x) => x.method === 'feature extractor');
    expect(fe?.trainableParameters).toBe(8 * 5 + 5);
    const scratch = r.runs.find((x) => x.method === 'from scratch');
    expect(r.base.parameters).toBe(scratch?.trainableParameters);
    expect((await readdir(join(dir, 'run'))).sort()).toEqual([
      'base',
      'base-checkpoints',
      'base.json',
      'runs.json',
      'settings.json',
    ]);
    first = { runs: r.runs, baseHistory: r.base.history };

    // the tables and the report
    const curve = labelsCurveRows(r.runs);
    expect(curve.rows.map((row) => row.slice(0, 3))).toEqual([
      ['2', '10', '20'],
      ['6', '30', '30'],
    ]);
    expect(labelsCurveTable(r.runs)).toContain('from scratch');
    expect(splitRunRows(r.runs.filter((x) => x.labelsPerClass === 2)).rows).toHaveLength(6);
    expect(Object.keys(splitHeadline(r.runs))).toHaveLength(6);
    const html = splitHtml({
      title: 't',
      sources: ['real'],
      synthetic: false,
      info: { a: 1 },
      base: r.base,
      runs: r.runs,
      timing: { total: 1 },
    });
    expect(html).toContain('Labels per class');
    expect(html).toContain('6 labelled images per class (30 training images)');
    expect(html.match(/<svg/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('resumes: the saved base net and the finished runs are reused, a missing run is trained again', async () => {
    const runsFile = join(dir, 'run', 'runs.json');
    const saved = JSON.parse(await readFile(runsFile, 'utf8')) as SplitRunResult[];
    // as if interrupted during the last run
    await writeFile(runsFile, JSON.stringify(saved.slice(0, -1)));
    // what the resumed run's time estimate counts as done
    const progress = await splitProgress(join(dir, 'run'), OPTIONS.baseEpochs);
    expect(progress.baseSaved).toBe(true);
    expect(progress.baseEpochs).toBe(OPTIONS.baseEpochs);
    expect(progress.runs).toEqual(
      saved.slice(0, -1).map((x) => ({ labelsPerClass: x.labelsPerClass, method: x.method, learningRate: x.learningRate })),
    );
    const before = tf.memory().numTensors;
    const reused: boolean[] = [];
    const r = await runSplitExperiment(data, OPTIONS, {
      workDir: join(dir, 'run'),
      resume: true,
      onRun: (_, again) => reused.push(again),
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.base.reused).toBe(true);
    expect(r.base.history).toEqual(first.baseHistory);
    expect(reused).toEqual([...Array(11).fill(true), false]);
    expect(r.runs.slice(0, 11)).toEqual(first.runs.slice(0, 11));
    expect(r.runs[11].method).toBe('from scratch');
    expect(JSON.parse(await readFile(runsFile, 'utf8'))).toHaveLength(12);
  });

  it('resumes the base net from its last checkpoint when it was not saved yet', async () => {
    // as if interrupted after the base net's last epoch, before it was saved
    await rm(join(dir, 'run', 'base.json'));
    const progress = await splitProgress(join(dir, 'run'), OPTIONS.baseEpochs);
    expect(progress.baseSaved).toBe(false);
    expect(progress.baseEpochs).toBe(OPTIONS.baseEpochs); // its last epoch's checkpoint
    expect(await splitProgress(join(dir, 'nothing-here'), OPTIONS.baseEpochs)).toEqual({
      baseEpochs: 0,
      baseSaved: false,
      runs: [],
    });
    const before = tf.memory().numTensors;
    const r = await runSplitExperiment(data, OPTIONS, { workDir: join(dir, 'run'), resume: true });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.base.reused).toBe(false);
    // the epochs are read back from the checkpoint, not trained again: the same records, seconds included
    expect(r.base.history).toEqual(first.baseHistory);
    expect(r.runs.slice(0, 11)).toEqual(first.runs.slice(0, 11));
  });

  it("gives the curve's last accuracy as the final one when the curve already scores every target test image", async () => {
    const all = { ...data, targetCurveTest: data.targetTest };
    const r = await runSplitExperiment(
      all,
      { ...OPTIONS, methods: ['feature extractor'], learningRates: [0.001] },
      {
        workDir: join(dir, 'all'),
      },
    );
    expect(r.runs).toHaveLength(2);
    for (const run of r.runs) expect(run.finalTestAccuracy).toBe(run.finalAccuracy);
  });

  it('refuses to resume with other settings, naming them', async () => {
    const err = await runSplitExperiment(data, { ...OPTIONS, epochs: 3 }, { workDir: join(dir, 'run'), resume: true }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TransferError);
    const e = err as TransferError;
    expect(e.argument).toBe(join(dir, 'run', 'settings.json'));
    expect(e.received).toEqual({ epochs: 3 });
    expect(e.expected).toContain('epochs: 2');
    expect(e.hint).toContain('same flags');
  });
});
