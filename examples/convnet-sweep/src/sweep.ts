import { deriveSeed, subset, type ImageDataset } from '@dlkit/datasets';
import { evaluate, train } from '@dlkit/models';
import { check } from './errors';
import {
  BASELINE,
  DEFAULT_LEVELS,
  describeSetting,
  settingId,
  sweepDesign,
  type DesignRow,
  type Factor,
  type FactorLevels,
  type Setting,
} from './settings';
import { meanStd, type MeanStd } from './stats';
import { settingModel } from './setting-model';

/** Training recipe shared by every run. */
export interface Recipe {
  /** Mini-batch size. Default 32. */
  batchSize?: number;
  /** Adam learning rate. Default 0.001. */
  learningRate?: number;
  /** Called after every training epoch (progress lines of distributed sweeps). */
  onEpoch?: (epoch: number, epochs: number, loss: number) => void;
}

/** Options of {@link runSweep}. */
export interface SweepOptions extends Recipe {
  /** Images the training subsets are drawn from (standardised). */
  train: ImageDataset<Float32Array>;
  /** The fixed images every run is evaluated on. */
  evalSet: ImageDataset<Float32Array>;
  /** Factors varied one at a time. */
  factors: readonly Factor[];
  /** Setting the factors vary around. Default {@link BASELINE}. */
  baseline?: Setting;
  /** Levels of each factor. Default {@link DEFAULT_LEVELS}. */
  levels?: FactorLevels;
  /** Training samples per run (a stratified draw from `train`, one draw per seed). */
  samples: number;
  /** Epochs per run. */
  epochs: number;
  /** Repetitions of every setting. */
  seeds: number;
  /** First seed; repetition r uses seed + r for the draw, the initial weights and the shuffling. */
  seed: number;
  /**
   * Train the baseline for one epoch on a few images before the sweep, untimed, so the first timed run does not
   * pay the engine's start-up costs. Default true.
   */
  warmup?: boolean;
  /** Called after every run (for progress lines). */
  onRun?: (event: RunEvent) => void;
}

/** One training run of one setting with one seed. */
export interface RunResult {
  seed: number;
  /** Accuracy on the evaluation set. */
  accuracy: number;
  /** Mean cross-entropy on the evaluation set. */
  loss: number;
  /** Training accuracy of the last epoch. */
  trainAccuracy: number;
  /** Wall time of training, seconds. */
  trainSeconds: number;
  /** Wall time of evaluation, seconds. */
  evalSeconds: number;
}

/** What {@link SweepOptions.onRun} receives. */
export interface RunEvent {
  /** 1-based index of the run and the number of runs. */
  index: number;
  total: number;
  settingId: string;
  description: string;
  run: RunResult;
}

/**
 * The sweep's table from its runs: one entry per setting (in design order) with its runs in seed order, the
 * best setting, and the parameters of each network. Shared by the in-process {@link runSweep} and the
 * distributed sweep (sweep-runner.ts), so both report the same way.
 */
export function summariseSweep(
  design: ReturnType<typeof sweepDesign>,
  runs: ReadonlyMap<string, RunResult[]>,
  params: ReadonlyMap<string, number>,
  info: Omit<SweepResult, 'rows' | 'settings' | 'best'>,
): SweepResult {
  const settings: SettingResult[] = design.settings.map((setting) => {
    const id = settingId(setting);
    const r = [...(runs.get(id) ?? [])].sort((a, b) => a.seed - b.seed);
    return {
      id,
      setting,
      description: describeSetting(setting),
      parameters: params.get(id) ?? 0,
      runs: r,
      accuracy: meanStd(r.map((x) => x.accuracy)),
      trainSeconds: meanStd(r.map((x) => x.trainSeconds)),
    };
  });
  return { ...info, rows: design.rows, settings, best: bestSetting(settings).id };
}

/** All runs of one setting and their summary. */
export interface SettingResult {
  id: string;
  setting: Setting;
  description: string;
  parameters: number;
  runs: RunResult[];
  accuracy: MeanStd;
  trainSeconds: MeanStd;
}

/** What {@link runSweep} returns. */
export interface SweepResult {
  baseline: Setting;
  factors: Factor[];
  samples: number;
  epochs: number;
  seeds: number[];
  batchSize: number;
  learningRate: number;
  evalSize: number;
  /** The table: one row per (factor, level); the baseline's setting appears in each factor. */
  rows: DesignRow[];
  /** One entry per distinct setting, baseline first. */
  settings: SettingResult[];
  /** Id of the setting with the best mean accuracy (ties: the faster one). */
  best: string;
  /** Wall time of the whole sweep, seconds. */
  seconds: number;
}

/** Trains and evaluates one setting once, reproducibly for a given seed (dropout included). The model is disposed before returning. */
export async function runOnce(
  setting: Setting,
  trainSet: ImageDataset<Float32Array>,
  evalSet: ImageDataset<Float32Array>,
  epochs: number,
  seed: number,
  recipe: Recipe = {},
): Promise<RunResult & { parameters: number }> {
  const model = settingModel(setting, trainSet, seed);
  try {
    // train's seed also fixes the dropout masks.
    const result = await train(model, trainSet, {
      epochs,
      batchSize: recipe.batchSize ?? 32,
      optimizer: { name: 'adam', learningRate: recipe.learningRate ?? 0.001 },
      seed,
      ...(recipe.onEpoch
        ? {
            onProgress: (e) => {
              if (e.type === 'epoch') recipe.onEpoch?.(e.record.epoch, e.epochs, e.record.loss);
            },
          }
        : {}),
    });
    const ev = evaluate(model, evalSet, { topK: [1] });
    const last = result.history[result.history.length - 1];
    return {
      seed,
      accuracy: ev.accuracy,
      loss: ev.loss,
      trainAccuracy: last?.accuracy ?? NaN,
      trainSeconds: result.seconds,
      evalSeconds: ev.seconds,
      parameters: model.countParams(),
    };
  } finally {
    model.dispose();
  }
}

/** The first `n` images of `d` (a view, no copy). */
export function fixedEval(d: ImageDataset<Float32Array>, n: number): ImageDataset<Float32Array> {
  const k = Math.min(n, d.shape[0]);
  const size = d.shape[1] * d.shape[2] * d.shape[3];
  return {
    images: d.images.subarray(0, k * size),
    labels: d.labels.subarray(0, k),
    shape: [k, d.shape[1], d.shape[2], d.shape[3]],
    classNames: d.classNames,
  };
}

/** The setting with the best mean accuracy; ties go to the faster one. */
export function bestSetting(settings: readonly SettingResult[]): SettingResult {
  check(settings.length > 0, 'settings', settings, 'at least one setting result');
  return settings.reduce((b, s) =>
    s.accuracy.mean > b.accuracy.mean || (s.accuracy.mean === b.accuracy.mean && s.trainSeconds.mean < b.trainSeconds.mean)
      ? s
      : b,
  );
}

/**
 * The small-data sweep of the Torch-tutorial ConvNet: each factor varied one at a time around the baseline,
 * each distinct setting trained `seeds` times on `samples` images for `epochs` epochs (Adam), and evaluated on
 * the fixed `evalSet`. Repetition r draws its own stratified training subset with seed `seed + r`, shared by
 * every setting (paired comparison), and seeds the initial weights and the shuffling with it, so a run is
 * reproducible. Every model is disposed: the number of live tensors is the same before and after.
 *
 * @example
 * ```ts
 * const result = await runSweep({ train, evalSet, factors: ['pooling'], samples: 600, epochs: 5, seeds: 3, seed: 1 });
 * result.settings.map((s) => [s.description, s.accuracy.mean, s.accuracy.std]);
 * ```
 */
export async function runSweep(options: SweepOptions): Promise<SweepResult> {
  const t0 = performance.now();
  const { train: pool, evalSet, samples, epochs, seeds, seed } = options;
  check(
    Number.isInteger(samples) && samples > 0 && samples <= pool.shape[0],
    'samples',
    samples,
    `an integer in 1..${pool.shape[0]} (the training images available)`,
  );
  check(Number.isInteger(epochs) && epochs > 0, 'epochs', epochs, 'a positive integer');
  check(Number.isInteger(seeds) && seeds > 0, 'seeds', seeds, 'a positive integer');
  check(Number.isInteger(seed) && seed >= 0, 'seed', seed, 'a non-negative integer');
  check(evalSet.shape[0] > 0, 'evalSet', evalSet.shape, 'at least one image');
  const baseline = options.baseline ?? BASELINE;
  const design = sweepDesign(options.factors, baseline, options.levels ?? DEFAULT_LEVELS);
  const recipe: Required<Omit<Recipe, 'onEpoch'>> = {
    batchSize: options.batchSize ?? 32,
    learningRate: options.learningRate ?? 0.001,
  };
  const seedList = Array.from({ length: seeds }, (_, r) => seed + r);
  const runs = new Map<string, RunResult[]>(design.settings.map((s) => [settingId(s), []]));
  const params = new Map<string, number>();
  const total = seeds * design.settings.length;
  if (options.warmup ?? true) {
    const few = subset(pool, Math.min(pool.shape[0], 2 * recipe.batchSize), { seed, stratified: false });
    await runOnce(design.settings[0], few, fixedEval(evalSet, recipe.batchSize), 1, seed, recipe);
  }
  let index = 0;
  for (const s of seedList) {
    const trainSet = subset(pool, samples, { seed: deriveSeed(s, samples), stratified: true });
    for (const setting of design.settings) {
      const id = settingId(setting);
      const { parameters, ...run } = await runOnce(setting, trainSet, evalSet, epochs, s, recipe);
      params.set(id, parameters);
      (runs.get(id) as RunResult[]).push(run);
      index++;
      options.onRun?.({ index, total, settingId: id, description: describeSetting(setting), run });
    }
  }
  return summariseSweep(design, runs, params, {
    baseline,
    factors: [...options.factors],
    samples,
    epochs,
    seeds: seedList,
    ...recipe,
    evalSize: evalSet.shape[0],
    seconds: (performance.now() - t0) / 1000,
  });
}
