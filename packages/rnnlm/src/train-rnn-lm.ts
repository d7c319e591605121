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
  checkTokens('train', train, model.vocabSize);
  checkTokens('valid', valid, model.vocabSize);
  if (train.length === 0) throw new RnnlmError('train', train, 'at least one token');
  if (valid.length === 0) throw new RnnlmError('valid', valid, 'at least one token');
  let alpha = checkNumber('alpha', options.alpha ?? 0.1, 0);
  const minImprovement = checkNumber('minImprovement', options.minImprovement ?? 1.003, 1);
  const maxEpochs = checkInteger('maxEpochs', options.maxEpochs ?? 50, 1);
  const learn = {
    beta: options.beta,
    regularizeEvery: options.regularizeEvery,
    bptt: options.bptt,
    bpttBlock: options.bpttBlock,
    gradientCutoff: options.gradientCutoff,
    dropout: options.dropout,
  };
  const seed = checkInteger('seed', options.seed ?? 1, 0);
  const restoreDirect = options.restoreDirectWeights ?? false;
  if (typeof restoreDirect !== 'boolean') throw new RnnlmError('restoreDirectWeights', restoreDirect, 'a boolean');

  const start = performance.now();
  const epochs: RnnEpochReport[] = [];
  // rnnlm-0.4b's trainNet: after every pass, compare the validation log-likelihood with the previous
  // pass's (llogp, −∞ at first); if worse, restore the weights saved after the previous pass, else save
  // these. Then, if logp·minImprovement < llogp (no real gain), start halving α — or stop if already
  // halving. llogp becomes this pass's logp in every case.
  const saved = {
    U: new Float64Array(model.inputWeights),
    W: new Float64Array(model.recurrentWeights),
    C: new Float64Array(model.classWeights),
    Y: new Float64Array(model.outputWeights),
    D: new Float64Array(restoreDirect ? model.directWeights : new Float64Array(0)),
  };
  let directKeptUndone = false; // the direct weights hold learning of an undone epoch
  let savedLogProb = model.logProbability(valid);
  let lastLogProb = -Infinity;
  let dividing = false;
  let learnSeconds = 0;
  let learnCpuSeconds = 0;
  let learnTokens = 0;
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
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
    if (logProb * minImprovement < lastLogProb) {
      if (dividing) break;
      dividing = true;
    }
    if (dividing) alpha /= 2;
    lastLogProb = logProb;
  }
  // With direct weights not rolled back (rnnlm's behaviour) the final model is not the saved one exactly.
  if (directKeptUndone) savedLogProb = model.logProbability(valid);
  return {
    epochs,
    validPerplexity: perplexity(savedLogProb, valid.length),
    tokensPerSecond: learnTokens / Math.max(learnSeconds, 1e-9),
    tokensPerCpuSecond: learnTokens / Math.max(learnCpuSeconds, 1e-9),
    seconds: (performance.now() - start) / 1000,
  };
}

function cpuSeconds(): number | undefined {
  const proc = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (!proc?.cpuUsage) return undefined;
  const u = proc.cpuUsage();
  return (u.user + u.system) / 1e6;
}
