import { perplexity } from '@dlkit/metrics';
import { RnnlmError, checkInteger, checkNumber, checkTokens } from './errors';
import type { RnnLearnOptions, RnnLm } from './rnn-lm';

/** Options of {@link trainRnnLm}. */
export interface RnnTrainOptions {
  /** Initial learning rate α (default 0.1). */
  readonly alpha?: number;
  /** L2 regularisation β (default 1e-7). */
  readonly beta?: number;
  /** L2 decay applied on every n-th token (default 10, as rnnlm). */
  readonly regularizeEvery?: number;
  /** BPTT depth (default 4). */
  readonly bptt?: number;
  /** BPTT block size (default 10). */
  readonly bpttBlock?: number;
  /** Hidden-error clipping (default 15). */
  readonly gradientCutoff?: number;
  /**
   * An epoch counts as an improvement when validation log-likelihood grows by more than this
   * factor (rnnlm's `-min-improvement`, default 1.003).
   */
  readonly minImprovement?: number;
  /**
   * Whether undoing an epoch also rolls back the direct n-gram weights of an RNNME model (default
   * false, as rnnlm-0.4b: its `saveWeights`/`restoreWeights` skip `syn_d`, so the direct weights keep
   * what an undone epoch learned).
   */
  readonly restoreDirectWeights?: boolean;
  /**
   * Dropout between the hidden and the output layer while learning (default 0, as rnnlm-0.4b); see
   * {@link RnnLearnOptions.dropout}. On a small corpus it regularises much like a larger β does.
   */
  readonly dropout?: number;
  /** Seed of the dropout masks (default 1); every epoch draws fresh masks from it. */
  readonly seed?: number;
  /** Upper bound on the number of epochs (default 50). */
  readonly maxEpochs?: number;
  /** Opt-in progress callback, called after every epoch. */
  readonly onEpoch?: (report: RnnEpochReport) => void;
  /**
   * Continue the run this state (yielded by {@link trainRnnLmEpochs}, e.g. read back by `loadRnnTraining`) was
   * taken from; the model must hold the weights saved with it. The settings and the token counts must be the
   * run's own: the rest of the schedule then gives the same weights and reports as the uninterrupted run.
   */
  readonly resume?: RnnTrainState;
}

/** What a run's schedule depends on, with the defaults filled in: a resumed run must repeat every one. */
export interface RnnTrainSettings {
  readonly alpha: number;
  readonly beta: number;
  readonly regularizeEvery: number;
  readonly bptt: number;
  readonly bpttBlock: number;
  readonly gradientCutoff: number;
  readonly minImprovement: number;
  readonly restoreDirectWeights: boolean;
  readonly dropout: number;
  readonly seed: number;
  readonly maxEpochs: number;
  /** Length of the training token stream. */
  readonly trainTokens: number;
  /** Length of the validation token stream. */
  readonly validTokens: number;
}

/**
 * Where a {@link trainRnnLmEpochs} run stands after an epoch — with the model's weights, all a new process needs
 * to continue it (`saveRnnTraining` writes both to one file). Plain JSON data.
 */
export interface RnnTrainState {
  readonly format: 'dlkit-rnn-training-state';
  readonly version: 1;
  readonly settings: RnnTrainSettings;
  /** The epochs done so far. */
  readonly epochs: readonly RnnEpochReport[];
  /** Learning rate of the next epoch. */
  readonly alpha: number;
  /** Whether the schedule has started halving α. */
  readonly dividing: boolean;
  /** Validation log-likelihood of the last epoch (`null` before the first). */
  readonly lastLogProb: number | null;
  /** Validation log-likelihood of the weights the model holds. */
  readonly savedLogProb: number;
  /** The direct weights hold learning of an undone epoch (see `restoreDirectWeights`). */
  readonly directKeptUndone: boolean;
  /** True once the schedule has stopped or `maxEpochs` are done: nothing is left to train. */
  readonly finished: boolean;
  /** Seconds spent in learning passes, their CPU seconds and tokens (for the throughput figures). */
  readonly learnSeconds: number;
  readonly learnCpuSeconds: number;
  readonly learnTokens: number;
  /** Wall time of the schedule so far, seconds, over every process that worked on it. */
  readonly seconds: number;
}

/** What happened in one epoch of {@link trainRnnLm}. */
export interface RnnEpochReport {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** Learning rate used in this epoch. */
  readonly alpha: number;
  /** Training perplexity measured while learning (before each update). */
  readonly trainPerplexity: number;
  /** Validation perplexity after the epoch. */
  readonly validPerplexity: number;
  /** False when the epoch made validation worse than the epoch before and its weights were discarded. */
  readonly kept: boolean;
  /** Training throughput of this epoch, tokens per second. */
  readonly tokensPerSecond: number;
}

/** The result of {@link trainRnnLm}. */
export interface RnnTrainReport {
  /** One entry per epoch. */
  readonly epochs: RnnEpochReport[];
  /** Validation perplexity of the weights the model ends with. */
  readonly validPerplexity: number;
  /** Training throughput over all epochs, tokens per second of wall time (learning passes only). */
  readonly tokensPerSecond: number;
  /**
   * The same per second of this process's CPU time (Node.js; equals `tokensPerSecond` elsewhere):
   * on a machine shared with other jobs it is the fairer single-thread speed.
   */
  readonly tokensPerCpuSecond: number;
  /** Wall time of the whole schedule, seconds (validation included). */
  readonly seconds: number;
}

/**
 * Trains an {@link RnnLm} with the learning-rate schedule of Mikolov et al. (2010):
 * keep α while the validation log-likelihood improves, then halve it every epoch, and stop
 * when it no longer improves — step for step as rnnlm-0.4b's `trainNet`: an epoch that makes
 * validation worse than the epoch before is undone (the weights saved after that epoch come back),
 * and "improves" means the log-likelihood grew by more than the factor `minImprovement`.
 * {@link trainRnnLmEpochs} is the same schedule one epoch at a time, for runs that checkpoint and resume.
 *
 * @param model the model, trained in place.
 * @param train training token stream.
 * @param valid held-out token stream for the schedule.
 *
 * @example
 * ```ts
 * const report = trainRnnLm(lm, train, valid, { alpha: 0.1, bptt: 4, onEpoch: (e) => console.log(e) });
 * report.validPerplexity;
 * ```
 */
export function trainRnnLm(model: RnnLm, train: Int32Array, valid: Int32Array, options: RnnTrainOptions = {}): RnnTrainReport {
  let last = options.resume;
  for (const state of trainRnnLmEpochs(model, train, valid, options)) last = state;
  // trainRnnLmEpochs yields at least once unless resumed from a finished state.
  return rnnTrainReport(last as RnnTrainState);
}

/**
 * {@link trainRnnLm}'s schedule, yielding the run's state after every epoch (the last one `finished`), so the
 * caller can save it with the model (`saveRnnTraining`) and a killed run can go on from its last epoch with
 * `resume` — to the same weights and reports, bit for bit, as an uninterrupted run. Every epoch starts from a
 * fresh hidden state and draws its dropout masks from `seed` and its number, so nothing else needs keeping.
 * Resumed from a finished state it yields nothing.
 *
 * @example
 * ```ts
 * let state = (await loadRnnTraining('run.json'))?.state; // undefined: a fresh start
 * for (state of trainRnnLmEpochs(lm, train, valid, { resume: state })) await saveRnnTraining('run.json', lm, state);
 * const report = rnnTrainReport(state);
 * ```
 */
export function* trainRnnLmEpochs(
  model: RnnLm,
  train: Int32Array,
  valid: Int32Array,
  options: RnnTrainOptions = {},
): Generator<RnnTrainState, void, undefined> {
  checkTokens('train', train, model.vocabSize);
  checkTokens('valid', valid, model.vocabSize);
  if (train.length === 0) throw new RnnlmError('train', train, 'at least one token');
  if (valid.length === 0) throw new RnnlmError('valid', valid, 'at least one token');
  const restoreDirect = options.restoreDirectWeights ?? false;
  if (typeof restoreDirect !== 'boolean') throw new RnnlmError('restoreDirectWeights', restoreDirect, 'a boolean');
  const settings: RnnTrainSettings = {
    alpha: checkNumber('alpha', options.alpha ?? 0.1, 0),
    beta: checkNumber('beta', options.beta ?? 1e-7, 0),
    regularizeEvery: checkInteger('regularizeEvery', options.regularizeEvery ?? 10, 1),
    bptt: checkInteger('bptt', options.bptt ?? 4, 1),
    bpttBlock: checkInteger('bpttBlock', options.bpttBlock ?? 10, 1),
    gradientCutoff: checkNumber('gradientCutoff', options.gradientCutoff ?? 15, 0),
    minImprovement: checkNumber('minImprovement', options.minImprovement ?? 1.003, 1),
    restoreDirectWeights: restoreDirect,
    dropout: checkNumber('dropout', options.dropout ?? 0, 0, 1),
    seed: checkInteger('seed', options.seed ?? 1, 0),
    maxEpochs: checkInteger('maxEpochs', options.maxEpochs ?? 50, 1),
    trainTokens: train.length,
    validTokens: valid.length,
  };
  if (settings.dropout >= 1) throw new RnnlmError('dropout', settings.dropout, 'a probability in [0, 1)');
  const resume = options.resume === undefined ? undefined : checkRnnTrainState(options.resume);
  if (resume !== undefined) sameSettings(resume.settings, settings);
  const { minImprovement, maxEpochs, seed } = settings;
  const learn = {
    beta: settings.beta,
    regularizeEvery: settings.regularizeEvery,
    bptt: settings.bptt,
    bpttBlock: settings.bpttBlock,
    gradientCutoff: settings.gradientCutoff,
    dropout: settings.dropout,
  };

  const start = performance.now();
  const epochs: RnnEpochReport[] = [...(resume?.epochs ?? [])];
  // rnnlm-0.4b's trainNet: after every pass, compare the validation log-likelihood with the previous
  // pass's (llogp, −∞ at first); if worse, restore the weights saved after the previous pass, else save
  // these. Then, if logp·minImprovement < llogp (no real gain), start halving α — or stop if already
  // halving. llogp becomes this pass's logp in every case. Between passes the model holds the saved weights
  // (a kept pass saved them, an undone one restored them), so they are all a resumed run needs.
  const saved = {
    U: new Float64Array(model.inputWeights),
    W: new Float64Array(model.recurrentWeights),
    C: new Float64Array(model.classWeights),
    Y: new Float64Array(model.outputWeights),
    D: new Float64Array(restoreDirect ? model.directWeights : new Float64Array(0)),
  };
  let alpha = resume?.alpha ?? settings.alpha;
  let directKeptUndone = resume?.directKeptUndone ?? false;
  let savedLogProb = resume?.savedLogProb ?? model.logProbability(valid);
  let lastLogProb = resume?.lastLogProb ?? -Infinity;
  let dividing = resume?.dividing ?? false;
  let learnSeconds = resume?.learnSeconds ?? 0;
  let learnCpuSeconds = resume?.learnCpuSeconds ?? 0;
  let learnTokens = resume?.learnTokens ?? 0;
  if (resume?.finished) return;
  for (let epoch = epochs.length + 1; epoch <= maxEpochs; epoch++) {
    const t0 = performance.now();
    const c0 = cpuSeconds();
    const trainLogProb = model.learn(train, { alpha, ...learn, seed: seed + epoch * 104_729 } satisfies RnnLearnOptions);
    const seconds = (performance.now() - t0) / 1000;
    const c1 = cpuSeconds();
    learnCpuSeconds += c0 === undefined || c1 === undefined ? seconds : c1 - c0;
    learnSeconds += seconds;
    learnTokens += train.length;
    const logProb = model.logProbability(valid);
    const kept = logProb >= lastLogProb;
    if (kept) {
      savedLogProb = logProb;
      saved.U.set(model.inputWeights);
      saved.W.set(model.recurrentWeights);
      saved.C.set(model.classWeights);
      saved.Y.set(model.outputWeights);
      if (restoreDirect) saved.D.set(model.directWeights);
      directKeptUndone = false;
    } else {
      model.inputWeights.set(saved.U);
      model.recurrentWeights.set(saved.W);
      model.classWeights.set(saved.C);
      model.outputWeights.set(saved.Y);
      if (restoreDirect) model.directWeights.set(saved.D);
      else if (model.directSize > 0) directKeptUndone = true;
    }
    const report: RnnEpochReport = {
      epoch,
      alpha,
      trainPerplexity: perplexity(trainLogProb, train.length),
      validPerplexity: perplexity(logProb, valid.length),
      kept,
      tokensPerSecond: train.length / Math.max(seconds, 1e-9),
    };
    epochs.push(report);
    options.onEpoch?.(report);
    // log-probabilities are negative: "× minImprovement still below the last one" = no real gain.
    let stop = false;
    if (logProb * minImprovement < lastLogProb) {
      if (dividing) stop = true;
      dividing = true;
    }
    if (dividing && !stop) alpha /= 2;
    lastLogProb = logProb;
    const finished = stop || epoch === maxEpochs;
    // With direct weights not rolled back (rnnlm's behaviour) the final model is not the saved one exactly.
    if (finished && directKeptUndone) savedLogProb = model.logProbability(valid);
    yield {
      format: 'dlkit-rnn-training-state',
      version: 1,
      settings,
      epochs: [...epochs],
      alpha,
      dividing,
      lastLogProb,
      savedLogProb,
      directKeptUndone,
      finished,
      learnSeconds,
      learnCpuSeconds,
      learnTokens,
      seconds: (resume?.seconds ?? 0) + (performance.now() - start) / 1000,
    };
    if (finished) return;
  }
}

/**
 * The report of a run from its last state (see {@link trainRnnLmEpochs}): the epochs, the validation
 * perplexity of the weights the model ends with and the throughput.
 */
export function rnnTrainReport(state: RnnTrainState): RnnTrainReport {
  return {
    epochs: [...state.epochs],
    validPerplexity: perplexity(state.savedLogProb, state.settings.validTokens),
    tokensPerSecond: state.learnTokens / Math.max(state.learnSeconds, 1e-9),
    tokensPerCpuSecond: state.learnTokens / Math.max(state.learnCpuSeconds, 1e-9),
    seconds: state.seconds,
  };
}

/** Throws, naming the first setting that differs, unless a resumed run repeats the settings of its state. */
function sameSettings(recorded: RnnTrainSettings, now: RnnTrainSettings): void {
  for (const key of Object.keys(now) as (keyof RnnTrainSettings)[]) {
    if (recorded[key] !== now[key]) {
      throw new RnnlmError(
        `resume.settings.${key}`,
        recorded[key],
        `${String(now[key])}, this run's ${key}`,
        'A run resumes with the settings and texts it was started with',
      );
    }
  }
}

/**
 * Checks that `value` is a training state as {@link trainRnnLmEpochs} yields it (read back from a file, say):
 * an {@link RnnlmError} names the first field that is not.
 */
export function checkRnnTrainState(value: unknown): RnnTrainState {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) throw new RnnlmError('state', value, 'a training state object');
  if (value.format !== 'dlkit-rnn-training-state') {
    throw new RnnlmError('state.format', value.format, "'dlkit-rnn-training-state'");
  }
  if (value.version !== 1) throw new RnnlmError('state.version', value.version, '1');
  const s = value.settings;
  if (!isObject(s)) throw new RnnlmError('state.settings', s, 'an object of training settings');
  for (const key of ['alpha', 'beta', 'gradientCutoff', 'minImprovement', 'dropout'] as const) {
    checkNumber(`state.settings.${key}`, s[key], 0);
  }
  for (const key of ['regularizeEvery', 'bptt', 'bpttBlock', 'seed', 'maxEpochs', 'trainTokens', 'validTokens'] as const) {
    checkInteger(`state.settings.${key}`, s[key], 0);
  }
  if (typeof s.restoreDirectWeights !== 'boolean') {
    throw new RnnlmError('state.settings.restoreDirectWeights', s.restoreDirectWeights, 'a boolean');
  }
  if (!Array.isArray(value.epochs)) throw new RnnlmError('state.epochs', value.epochs, 'an array of epoch reports');
  value.epochs.forEach((e: unknown, i: number) => {
    const f = `state.epochs[${i}]`;
    if (!isObject(e)) throw new RnnlmError(f, e, 'an epoch report');
    checkInteger(`${f}.epoch`, e.epoch, i + 1, i + 1);
    for (const key of ['alpha', 'trainPerplexity', 'validPerplexity', 'tokensPerSecond'] as const) {
      checkNumber(`${f}.${key}`, e[key], 0);
    }
    if (typeof e.kept !== 'boolean') throw new RnnlmError(`${f}.kept`, e.kept, 'a boolean');
  });
  checkNumber('state.alpha', value.alpha, 0);
  checkNumber('state.savedLogProb', value.savedLogProb, Number.NEGATIVE_INFINITY, 0);
  if (value.lastLogProb !== null) checkNumber('state.lastLogProb', value.lastLogProb, Number.NEGATIVE_INFINITY, 0);
  for (const key of ['dividing', 'directKeptUndone', 'finished'] as const) {
    if (typeof value[key] !== 'boolean') throw new RnnlmError(`state.${key}`, value[key], 'a boolean');
  }
  for (const key of ['learnSeconds', 'learnCpuSeconds', 'learnTokens', 'seconds'] as const) {
    checkNumber(`state.${key}`, value[key], 0);
  }
  if (value.epochs.length > (s.maxEpochs as number)) {
    throw new RnnlmError('state.epochs', value.epochs, `at most settings.maxEpochs (${String(s.maxEpochs)}) epochs`);
  }
  return value as unknown as RnnTrainState;
}

function cpuSeconds(): number | undefined {
  const proc = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (!proc?.cpuUsage) return undefined;
  const u = proc.cpuUsage();
  return (u.user + u.system) / 1e6;
}
