import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageDataset } from '@dlkit/datasets';
import { latestCheckpoint, type TrainProgressListener } from '@dlkit/models';
import { writeFileAtomicText } from '@dlkit-examples/common';
import { TransferError, check } from './errors';
import type { SplitData } from './split-data';
import { runTarget, trainBase, type BaseResult, type MethodName, type NetOptions, type RunResult } from './transfer-experiment';

/** One run of the split task: a method at a learning rate on one labelled set. */
export interface SplitRunResult extends RunResult {
  /** Labelled target images per class of this run's training set. */
  labelsPerClass: number;
  /** Target training images (labels per class × target classes). */
  trainImages: number;
  /** Images per epoch: the labelled set, repeated when smaller than `epochImages` (see {@link repeatToAtLeast}). */
  epochImages: number;
}

/** Settings of {@link runSplitExperiment}; with `resume`, they must equal those of the run being resumed. */
export interface SplitExperimentOptions extends NetOptions {
  baseEpochs: number;
  baseLearningRate: number;
  /** Epochs of every target run. */
  epochs: number;
  /** Adam learning rates of the target runs. */
  learningRates: readonly number[];
  methods: readonly MethodName[];
  /** Layer where the base net is cut. Default fc2. */
  cutAt?: string;
  headEpochs?: number;
  fineTuneFactor?: number;
  /**
   * Least images per epoch: a labelled set smaller than this is repeated whole, so that 10 labels per class still
   * get enough gradient steps per epoch (an epoch of 50 images is two steps). Default 0 (never repeated).
   */
  epochImages?: number;
}

/**
 * `d` repeated whole `⌈n / size⌉` times (every image equally often), or `d` itself when it holds `n` images or
 * more. Training shuffles every epoch, so the copies are mixed.
 *
 * @example
 * ```ts
 * repeatToAtLeast(fiftyImages, 500).shape[0]; // 500
 * repeatToAtLeast(fiftyImages, 120).shape[0]; // 150
 * ```
 */
export function repeatToAtLeast<T extends Uint8Array | Float32Array>(d: ImageDataset<T>, n: number): ImageDataset<T> {
  const rows = d.shape[0];
  check(rows > 0, 'data', rows, 'at least one image');
  const times = Math.ceil(n / rows);
  if (times <= 1) return d;
  const images = new (d.images.constructor as new (n: number) => T)(d.images.length * times);
  const labels = new Uint8Array(rows * times);
  for (let t = 0; t < times; t++) {
    images.set(d.images, t * d.images.length);
    labels.set(d.labels, t * rows);
  }
  return { ...d, images, labels, shape: [rows * times, d.shape[1], d.shape[2], d.shape[3]] };
}

/** Where the experiment keeps its state and what it reports while it runs. */
export interface SplitRunControl {
  /**
   * Folder of the run's state: `settings.json`, the base net's checkpoints (`base-checkpoints/`) and saved model
   * (`base/`, with `base.json`), and `runs.json` (every finished target run, rewritten atomically after each).
   */
  workDir: string;
  /** Continue the run in `workDir`: the saved base net and the finished target runs are reused. Default false. */
  resume?: boolean;
  onBaseProgress?: TrainProgressListener;
  /** A listener for one target run's epochs. */
  runProgress?: (label: string) => TrainProgressListener;
  /** Called after each target run (`reused`: read from `runs.json` of the run being resumed). */
  onRun?: (run: SplitRunResult, reused: boolean) => void;
}

/** What {@link runSplitExperiment} returns. */
export interface SplitExperimentResult {
  base: BaseResult & { reused: boolean };
  runs: SplitRunResult[];
}

const runKey = (k: number, method: MethodName, lr: number) => `${k}|${method}|${lr}`;

/** What an interrupted split experiment in `workDir` has done (the time estimate's `SplitPlan.done`). */
export interface SplitProgress {
  /** Base-net epochs in its newest checkpoint (`baseEpochs` when the base net is saved). */
  baseEpochs: number;
  /** True when the trained base net is saved: a resumed run trains and scores it no more. */
  baseSaved: boolean;
  /** The target runs finished (their results are in `runs.json`). */
  runs: { labelsPerClass: number; method: MethodName; learningRate: number }[];
}

/**
 * Reads what {@link runSplitExperiment} with `resume` would reuse from `workDir`: the saved base net or its
 * newest epoch checkpoint, and the finished target runs — so a resumed run's time estimate counts only what is
 * left. A missing folder is a fresh run. Unreadable state is the error the run itself would raise.
 */
export async function splitProgress(workDir: string, baseEpochs: number): Promise<SplitProgress> {
  const baseSaved = (await exists(join(workDir, 'base.json'))) && (await exists(join(workDir, 'base', 'model.json')));
  const checkpoint = baseSaved ? null : await latestCheckpoint(join(workDir, 'base-checkpoints'));
  const runsFile = join(workDir, 'runs.json');
  const runs = (await exists(runsFile)) ? await readJson<SplitRunResult[]>(runsFile) : [];
  return {
    baseEpochs: baseSaved ? baseEpochs : Math.min(baseEpochs, checkpoint?.state.epoch ?? 0),
    baseSaved,
    runs: runs.map((r) => ({ labelsPerClass: r.labelsPerClass, method: r.method, learningRate: r.learningRate })),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function readJson<T>(path: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (cause) {
    throw new TransferError(path, 'unreadable JSON', 'the state file this experiment wrote', `${(cause as Error).message}`);
  }
}

/**
 * The CIFAR-10 split experiment: trains the base net on the base classes (checkpointed every epoch), saves it,
 * then learns every labelled target set with every method at every learning rate (`runTarget`: the body of the
 * saved net frozen under a new head, fine-tuned, or a fresh net from scratch), scoring the curve set after every
 * epoch and all target test images at the end. The state is kept in `workDir`, so an interrupted run continues
 * with `resume` where it stopped (the base net from its last epoch's checkpoint, then the target runs not yet done).
 *
 * @example
 * ```ts
 * const d = await loadSplitData({ baseTrainPerClass: 1000, baseTestPerClass: 200, labelsPerClass: [10, 50], curveTestPerClass: 200, seed: 1 });
 * const r = await runSplitExperiment(d, { baseEpochs: 3, baseLearningRate: 0.001, epochs: 10, learningRates: [0.001],
 *   methods: ['feature extractor', 'fine-tune', 'from scratch'] }, { workDir: './runs/transfer' });
 * ```
 */
export async function runSplitExperiment(
  data: SplitData,
  options: SplitExperimentOptions,
  control: SplitRunControl,
): Promise<SplitExperimentResult> {
  check(options.learningRates.length > 0, 'learningRates', options.learningRates, 'at least one learning rate');
  check(options.methods.length > 0, 'methods', options.methods, 'at least one method');
  const settings = JSON.stringify(
    {
      source: data.source,
      baseClasses: data.split.baseNames,
      sizes: {
        baseTrain: data.baseTrain.shape[0],
        baseTest: data.baseTest.shape[0],
        labelsPerClass: data.targetTrain.map((t) => t.labelsPerClass),
        curveTest: data.targetCurveTest.shape[0],
        test: data.targetTest.shape[0],
      },
      ...options,
    },
    null,
    1,
  );
  const settingsFile = join(control.workDir, 'settings.json');
  if (control.resume && (await exists(settingsFile))) {
    const before = await readJson<Record<string, unknown>>(settingsFile);
    const now = JSON.parse(settings) as Record<string, unknown>;
    const differ = [...new Set([...Object.keys(before), ...Object.keys(now)])].filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(now[k]),
    );
    check(
      differ.length === 0,
      settingsFile,
      Object.fromEntries(differ.map((k) => [k, now[k]])),
      `the settings of the run being resumed (${differ.map((k) => `${k}: ${JSON.stringify(before[k])}`).join('; ')})`,
      'resume with the same flags, or start afresh without --resume (or in another --checkpoint folder)',
    );
  }
  await writeFileAtomicText(settingsFile, settings);

  const baseDir = join(control.workDir, 'base');
  const baseFile = join(control.workDir, 'base.json');
  let base: SplitExperimentResult['base'];
  if (control.resume && (await exists(baseFile)) && (await exists(join(baseDir, 'model.json')))) {
    base = { ...(await readJson<BaseResult>(baseFile)), reused: true };
  } else {
    const trained = await trainBase(data.baseTrain, data.baseTest, baseDir, {
      ...options,
      epochs: options.baseEpochs,
      learningRate: options.baseLearningRate,
      checkpointDir: join(control.workDir, 'base-checkpoints'),
      resume: control.resume === true,
      ...(control.onBaseProgress ? { onProgress: control.onBaseProgress } : {}),
    });
    await writeFileAtomicText(baseFile, JSON.stringify(trained));
    base = { ...trained, reused: false };
  }

  const runsFile = join(control.workDir, 'runs.json');
  const done = new Map<string, SplitRunResult>();
  if (control.resume && (await exists(runsFile)))
    for (const r of await readJson<SplitRunResult[]>(runsFile)) done.set(runKey(r.labelsPerClass, r.method, r.learningRate), r);
  // When the curves are scored on every target test image already, the final model needs no second pass.
  const curveIsAll = data.targetCurveTest.shape[0] === data.targetTest.shape[0];
  const runs: SplitRunResult[] = [];
  for (const { labelsPerClass, data: trainSet } of data.targetTrain) {
    for (const learningRate of options.learningRates) {
      for (const method of options.methods) {
        const key = runKey(labelsPerClass, method, learningRate);
        const previous = done.get(key);
        if (previous) {
          runs.push(previous);
          control.onRun?.(previous, true);
          continue;
        }
        const label = `${labelsPerClass}/class ${method} lr ${learningRate}`;
        const epochSet = repeatToAtLeast(trainSet, options.epochImages ?? 0);
        const r = await runTarget(method, base.dir, epochSet, data.targetCurveTest, {
          ...options,
          learningRate,
          ...(curveIsAll ? {} : { finalTest: data.targetTest }),
          ...(control.runProgress ? { onProgress: control.runProgress(label) } : {}),
        });
        const run: SplitRunResult = {
          ...r,
          finalTestAccuracy: curveIsAll ? r.finalAccuracy : r.finalTestAccuracy,
          labelsPerClass,
          trainImages: trainSet.shape[0],
          epochImages: epochSet.shape[0],
        };
        runs.push(run);
        done.set(key, run);
        await writeFileAtomicText(runsFile, JSON.stringify([...done.values()]));
        control.onRun?.(run, false);
      }
    }
  }
  return { base, runs };
}
