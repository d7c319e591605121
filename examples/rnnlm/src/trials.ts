/**
 * One RNN (or RNNME) training of either protocol as a @dlkit/sweep trial. Workers on any machine import it as
 * `@dlkit-examples/rnnlm/trials` (this package's `exports`), so the reference RNNs, the regularisation grid, the
 * mixture members and the RNNMEs train in this process, in local worker processes, or on dlkit-worker processes
 * through Redis, with the same numbers.
 *
 * What comes back is what the later steps consume: each model's per-token probabilities on the held-out and the
 * test text, bit for bit (see ./probabilities), so the KN interpolations and mixtures are computed from exactly
 * the arrays an in-process run has — without a shared disk and without scoring the texts again. Dynamic
 * evaluation and the interpolation cross-check need the model itself: a trial given `modelFile` saves it there
 * (`saveLanguageModel`, written atomically — a reader never sees half a file) and returns the path. While it
 * trains, the model and the schedule's state after every epoch go to `<modelFile>.training.json`
 * (`saveRnnTraining`), so a killed run resumed with `resume` loses at most the epoch it was in.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  RnnLm,
  RnnlmError,
  checkRnnTrainState,
  loadLanguageModel,
  loadRnnTraining,
  perplexityOf,
  rnnTrainReport,
  saveLanguageModel,
  saveRnnTraining,
  trainRnnLmEpochs,
  type FrequencyClasses,
  type RnnTrainOptions,
  type RnnTrainReport,
  type RnnTrainState,
} from '@dlkit/rnnlm';
import { canonicalJson, defineTrial, type JsonValue } from '@dlkit/sweep';
import { writeJson } from '@dlkit-examples/common';
import { loadCorpus, RNNLM_CLASSES, rnnlmClasses, type Corpus, type ProtocolName } from './corpus';
import { encodeProbabilities } from './probabilities';

/** The module specifier and export name sweeps name this trial by. */
export const RNN_TRIAL = { module: '@dlkit-examples/rnnlm/trials', name: 'rnnTrial' } as const;

/** Everything one RNN's training depends on besides its seed (JSON: it travels to workers). */
export interface RnnTrialSettings {
  /** Which texts: `small` (issue 10's split of ptb.valid.txt) or `full` (ptb.train/valid/test.txt). */
  protocol: ProtocolName;
  /** Folder of the PTB files, on the worker's machine. */
  data: string;
  hiddenSize: number;
  /** L2 β. */
  beta: number;
  /** Dropout on the way to the output layer. */
  dropout: number;
  /** Validation gain factor below which the learning rate halves (rnnlm's -min-improvement). */
  minImprovement: number;
  /** Hash size of the direct n-gram connections (0: a plain RNN, more: an RNNME) and their order. */
  direct: number;
  directOrder: number;
  /**
   * Frequency classes of the output layer (rnnlm's `-class`). Omitted: rnnlm's 100 — and left out of the settings
   * then, so the model files of runs from before this option keep their names.
   */
  classes?: number;
  maxEpochs: number;
  /**
   * Where to save the trained model (and its epoch report as `<file>.report.json`) for the coordinator's later
   * steps; with Redis workers on other machines, a path on storage the coordinator reads too. Omitted: not saved.
   */
  modelFile?: string;
  /**
   * Load `modelFile` and its report instead of training when both exist (the full protocol's `--resume`); else
   * continue the training saved in `<modelFile>.training.json` after its last epoch, when there is one.
   */
  resume?: boolean;
}

/** What one RNN trial returns. */
export interface RnnTrialResult {
  /** The kernel engine that ran it (`wasm` or `js`). */
  engine: string;
  report: RnnTrainReport;
  /** P(token | history) on the held-out text, exact (see `decodeProbabilities`). */
  held: string;
  /** The same on the test text. */
  test: string;
  heldOutPerplexity: number;
  testPerplexity: number;
  /** Path of the saved model, when `modelFile` was given. */
  model?: string;
  /** True when the model was loaded from `modelFile` (resume) rather than trained. */
  loaded: boolean;
}

/** True when the trial will load its saved model and report instead of training (`resume` and both files there). */
export function resumesFromFile(s: Pick<RnnTrialSettings, 'modelFile' | 'resume'>): boolean {
  const file = s.modelFile;
  return file !== undefined && s.resume === true && existsSync(file) && existsSync(`${file}.report.json`);
}

/** Where a trial keeps the RNN it is training, with the schedule's state, after every epoch. */
export function trainingFileFor(modelFile: string): string {
  return `${modelFile}.training.json`;
}

/**
 * Epochs rnnlm's schedule is expected to run on the full PTB protocol for a schedule factor: measured here
 * (examples/rnnlm/README.md) 13–16 at rnnlm's 1.003 and 19–22 at 1.001, where a halved epoch must gain less to
 * stop the run. Linear between (and beyond) those two, never below 13 nor above `maxEpochs`: for the time
 * estimate only.
 *
 * @example
 * ```ts
 * expectedEpochs(1.003, 50); // 13
 * expectedEpochs(1.001, 50); // 20
 * ```
 */
export function expectedEpochs(minImprovement: number, maxEpochs: number): number {
  const epochs = Math.max(13, Math.round(13 + ((1.003 - minImprovement) / 0.002) * 7));
  return Math.min(maxEpochs, epochs);
}

/**
 * Epochs already trained of a trial that will resume from its training file (`resume`, the file there, no
 * finished model yet); 0 otherwise. For the estimate of what is left: it reads the whole file (the model is in
 * it too), about a second per RNN at H=400. A damaged file counts 0 here and stops the trial with its error.
 */
export function epochsInTrainingFile(s: Pick<RnnTrialSettings, 'modelFile' | 'resume'>): number {
  if (s.modelFile === undefined || s.resume !== true || resumesFromFile(s)) return 0;
  const file = trainingFileFor(s.modelFile);
  if (!existsSync(file)) return 0;
  try {
    const json = JSON.parse(readFileSync(file, 'utf8')) as { state?: unknown };
    return checkRnnTrainState(json.state).epochs.length;
  } catch {
    return 0;
  }
}

/**
 * A model file name for a trial's settings and seed in `dir`: readable, and unique to the settings (a short
 * hash of them), so a changed setting never picks up another run's model.
 */
export function modelFileFor(dir: string, settings: Omit<RnnTrialSettings, 'modelFile' | 'resume'>, seed: number): string {
  const hash = createHash('sha256')
    .update(canonicalJson({ ...settings, seed } as unknown as JsonValue))
    .digest('hex')
    .slice(0, 12);
  const kind = settings.direct > 0 ? 'rnnme' : 'rnn';
  return join(dir, `${kind}-h${settings.hiddenSize}-seed${seed}-${hash}.json`);
}

// One load per process and folder: in-process sweeps run many trials in one process.
const loaded = new Map<string, Promise<{ corpus: Corpus; classes: FrequencyClasses }>>();

function corpusOf(
  protocol: ProtocolName,
  data: string,
  classCount: number,
): Promise<{ corpus: Corpus; classes: FrequencyClasses }> {
  const key = `${protocol}\n${data}\n${classCount}`;
  let entry = loaded.get(key);
  if (entry === undefined) {
    entry = loadCorpus(protocol, data).then((corpus) => ({ corpus, classes: rnnlmClasses(corpus, classCount) }));
    // A failed load is not kept: the next trial in this process tries again and reports its own error.
    entry.catch(() => loaded.delete(key));
    loaded.set(key, entry);
  }
  return entry;
}

async function loadSaved(file: string): Promise<{ lm: RnnLm; report: RnnTrainReport }> {
  const lm = await loadLanguageModel(file);
  if (!(lm instanceof RnnLm)) throw new RnnlmError('format', 'dlkit-kneser-ney', "'dlkit-rnnlm'", undefined, { file });
  const report = JSON.parse(readFileSync(`${file}.report.json`, 'utf8')) as RnnTrainReport;
  return { lm, report };
}

/** rnnlm-0.4b's training recipe (α 0.1, bptt 4, block 10) with a trial's regularisation, schedule and seed. */
export function rnnlmRecipe(
  s: Pick<RnnTrialSettings, 'beta' | 'dropout' | 'minImprovement' | 'maxEpochs'>,
  seed: number,
): RnnTrainOptions {
  return {
    alpha: 0.1,
    beta: s.beta,
    dropout: s.dropout,
    seed,
    minImprovement: s.minImprovement,
    bptt: 4,
    bpttBlock: 10,
    maxEpochs: s.maxEpochs,
  };
}

/** Trains one RNN with rnnlm-0.4b's recipe (α 0.1, bptt 4, block 10, 100 classes unless set) and scores both texts. */
export const rnnTrial = defineTrial<RnnTrialSettings, RnnTrialResult>({
  // The RNN kernels run on one thread (WebAssembly SIMD): speed is per token, one trial per core.
  threads: 1,
  run: async (s, context) => {
    const { corpus, classes } = await corpusOf(s.protocol, s.data, s.classes ?? RNNLM_CLASSES);
    const { vocab, train, heldOut, test } = corpus;
    const file = s.modelFile;
    let lm: RnnLm;
    let report: RnnTrainReport;
    let fromFile = false;
    if (file !== undefined && resumesFromFile(s)) {
      ({ lm, report } = await loadSaved(file));
      fromFile = true;
    } else {
      const trainingFile = file === undefined ? undefined : trainingFileFor(file);
      // Without --resume an old training file is not read: the run starts afresh and overwrites it.
      const saved = trainingFile !== undefined && s.resume === true ? await loadRnnTraining(trainingFile) : null;
      lm =
        saved?.model ??
        new RnnLm({
          vocabSize: vocab.size,
          hiddenSize: s.hiddenSize,
          classes,
          eosId: vocab.eosId,
          seed: context.seed,
          ...(s.direct > 0 ? { directSize: s.direct, directOrder: s.directOrder } : {}),
        });
      let state: RnnTrainState | undefined = saved?.state;
      const epochs = trainRnnLmEpochs(lm, train, heldOut, {
        ...rnnlmRecipe(s, context.seed),
        // The loss is the held-out cross-entropy per token (nats): log of the perplexity the schedule follows.
        onEpoch: (e) => context.progress({ epoch: e.epoch, epochs: s.maxEpochs, loss: Math.log(e.validPerplexity) }),
        ...(saved === null ? {} : { resume: saved.state }),
      });
      for (state of epochs) if (trainingFile !== undefined) await saveRnnTraining(trainingFile, lm, state);
      if (state === undefined) throw new Error('trainRnnLmEpochs yielded no epoch'); // maxEpochs ≥ 1: never
      report = rnnTrainReport(state);
      if (file !== undefined) {
        await writeJson(`${file}.report.json`, report);
        // The model last: its presence means both files are complete.
        await saveLanguageModel(file, lm);
        if (trainingFile !== undefined) await rm(trainingFile, { force: true });
      }
    }
    const held = lm.tokenProbabilities(heldOut);
    const testP = lm.tokenProbabilities(test);
    return {
      engine: lm.engine,
      report,
      held: encodeProbabilities(held),
      test: encodeProbabilities(testP),
      heldOutPerplexity: perplexityOf(held),
      testPerplexity: perplexityOf(testP),
      ...(file === undefined ? {} : { model: file }),
      loaded: fromFile,
    };
  },
});
