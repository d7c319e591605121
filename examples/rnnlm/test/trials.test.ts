import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RnnLm, evaluateDynamically, loadLanguageModel, saveRnnTraining, trainRnnLm, trainRnnLmEpochs } from '@dlkit/rnnlm';
import { defineSweep, runSweep, type TrialContext, type TrialProgress, type TrialRecord } from '@dlkit/sweep';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSmallCorpus, rnnlmClasses } from '../src/corpus';
import { decodeProbabilities } from '../src/probabilities';
import {
  RNN_TRIAL,
  epochsInTrainingFile,
  expectedEpochs,
  modelFileFor,
  rnnTrial,
  rnnlmRecipe,
  trainingFileFor,
  type RnnTrialResult,
  type RnnTrialSettings,
} from '../src/trials';
import { corpus } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'rnnlm-trials-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'ptb.valid.txt'), corpus(400, 1));
writeFileSync(join(dir, 'ptb.test.txt'), corpus(80, 2));

// Tiny RNNs (H=8, 2 epochs): the protocol's trainings at their smallest.
const base = (over: Partial<RnnTrialSettings> = {}): RnnTrialSettings => ({
  protocol: 'small',
  data: dir,
  hiddenSize: 8,
  beta: 1e-7,
  dropout: 0,
  minImprovement: 1.003,
  direct: 0,
  directOrder: 0,
  maxEpochs: 2,
  ...over,
});

function context(seed: number, progress: TrialProgress[] = []): TrialContext {
  return { seed, key: 'test', id: 'test', threads: 1, progress: (p) => progress.push(p) };
}

/** A record without what depends on when and where it ran. */
const numbers = (records: TrialRecord[]) =>
  records.map((r) => {
    const res = r.result as unknown as RnnTrialResult;
    return [
      r.id,
      r.status,
      res.engine,
      res.held,
      res.test,
      res.report.epochs.map((e) => [e.alpha, e.trainPerplexity, e.validPerplexity, e.kept]),
    ];
  });

describe('rnnTrial (one RNN training of the protocols as a @dlkit/sweep trial)', () => {
  it('returns exactly the probabilities of the same RNN trained alone, and saves the model bit for bit', async () => {
    const c = loadSmallCorpus(dir);
    const modelFile = join(dir, 'models', 'alone.json');
    const progress: TrialProgress[] = [];
    const res = await rnnTrial.run(base({ dropout: 0.25, modelFile }), context(3, progress));
    // The same training done here by hand, as the protocol did it before trials.
    const lm = new RnnLm({ vocabSize: c.vocab.size, hiddenSize: 8, classes: rnnlmClasses(c), eosId: c.vocab.eosId, seed: 3 });
    const report = trainRnnLm(lm, c.train, c.heldOut, {
      alpha: 0.1,
      beta: 1e-7,
      dropout: 0.25,
      seed: 3,
      minImprovement: 1.003,
      bptt: 4,
      bpttBlock: 10,
      maxEpochs: 2,
    });
    expect(decodeProbabilities(res.held, c.heldOut.length, 'held')).toEqual(lm.tokenProbabilities(c.heldOut));
    expect(decodeProbabilities(res.test, c.test.length, 'test')).toEqual(lm.tokenProbabilities(c.test));
    expect(res.report.epochs.map((e) => e.validPerplexity)).toEqual(report.epochs.map((e) => e.validPerplexity));
    expect(progress.map((p) => p.epoch)).toEqual(report.epochs.map((e) => e.epoch));
    expect(progress[0]?.loss).toBeCloseTo(Math.log(report.epochs[0]!.validPerplexity), 12);
    expect(res.model).toBe(modelFile);
    expect(res.loaded).toBe(false);
    // Dynamic evaluation from the saved model equals dynamic evaluation from the model in memory.
    const saved = (await loadLanguageModel(modelFile)) as RnnLm;
    const opts = { alpha: 0.1, bptt: 4, bpttBlock: 10 };
    expect(evaluateDynamically(saved, c.test, opts)).toEqual(evaluateDynamically(lm, c.test, opts));
    expect(existsSync(`${modelFile}.report.json`)).toBe(true);
  });

  it('with resume, loads the saved model instead of training (same numbers); without its file, trains', async () => {
    const modelFile = join(dir, 'models', 'resume.json');
    const trained = await rnnTrial.run(base({ modelFile, resume: true }), context(1));
    expect(trained.loaded).toBe(false);
    const again = await rnnTrial.run(base({ modelFile, resume: true }), context(1));
    expect(again.loaded).toBe(true);
    expect([again.held, again.test, again.report]).toEqual([trained.held, trained.test, trained.report]);
  });

  it('keeps the RNN and the schedule after every epoch, and a run killed after epoch 2 resumes to the same numbers', async () => {
    const c = loadSmallCorpus(dir);
    const settings = base({ dropout: 0.25, maxEpochs: 4, minImprovement: 1.0001 });
    // Uninterrupted; at each epoch's progress the training file holds the epoch before.
    const straightFile = join(dir, 'models', 'straight.json');
    const inFile: number[] = [];
    const straight = await rnnTrial.run(
      { ...settings, modelFile: straightFile, resume: true },
      {
        ...context(5),
        progress: () => inFile.push(epochsInTrainingFile({ modelFile: straightFile, resume: true })),
      },
    );
    expect(straight.report.epochs.length).toBeGreaterThan(2);
    expect(inFile).toEqual(straight.report.epochs.map((e) => e.epoch - 1));
    expect(existsSync(trainingFileFor(straightFile))).toBe(false); // the finished model replaces it
    expect(epochsInTrainingFile({ modelFile: straightFile, resume: true })).toBe(0);

    // What the trial had written when killed during epoch 3: the RNN and the schedule after epoch 2.
    const killedFile = join(dir, 'models', 'killed.json');
    const lm = new RnnLm({ vocabSize: c.vocab.size, hiddenSize: 8, classes: rnnlmClasses(c), eosId: c.vocab.eosId, seed: 5 });
    const options = rnnlmRecipe(settings, 5);
    for (const state of trainRnnLmEpochs(lm, c.train, c.heldOut, options)) {
      await saveRnnTraining(trainingFileFor(killedFile), lm, state);
      if (state.epochs.length === 2) break;
    }
    expect(epochsInTrainingFile({ modelFile: killedFile, resume: true })).toBe(2);
    expect(epochsInTrainingFile({ modelFile: killedFile })).toBe(0); // without resume the file is not used
    const progress: TrialProgress[] = [];
    const resumed = await rnnTrial.run({ ...settings, modelFile: killedFile, resume: true }, context(5, progress));
    expect(progress.map((p) => p.epoch)).toEqual(straight.report.epochs.slice(2).map((e) => e.epoch));
    expect([resumed.held, resumed.test]).toEqual([straight.held, straight.test]);
    const figures = (r: RnnTrialResult) => r.report.epochs.map(({ tokensPerSecond, ...e }) => e);
    expect(figures(resumed)).toEqual(figures(straight));
    expect(resumed.loaded).toBe(false);
    expect(existsSync(trainingFileFor(killedFile))).toBe(false);
  });

  it('gives the same results in this process and in 2 worker processes (RNN and RNNME, two seeds)', async () => {
    const sweep = defineSweep({
      name: 'rnnlm-trials-test',
      trials: [
        { id: 'RNN seed 1', trial: RNN_TRIAL, seed: 1, settings: base() },
        { id: 'RNN seed 2, β=1e-3', trial: RNN_TRIAL, seed: 2, settings: base({ beta: 1e-3 }) },
        { id: 'RNNME seed 1', trial: RNN_TRIAL, seed: 1, settings: base({ direct: 1000, directOrder: 3 }) },
      ],
    });
    const inline = await runSweep(sweep, { workers: 0 });
    expect(inline.failed).toBe(0);
    const local = await runSweep(sweep, { workers: 2, execArgv: ['--import', 'tsx'] });
    expect(local.failed).toBe(0);
    expect(local.mode).toBe('local');
    expect(numbers(local.records)).toEqual(numbers(inline.records));
    expect(new Set(local.records.map((r) => r.where.pid)).size).toBe(3); // one fresh process per trial
    expect(local.records.every((r) => r.where.pid !== process.pid)).toBe(true);
    // The settings change the numbers (the comparison above is not of constants).
    const [a, b, me] = inline.records.map((r) => r.result as unknown as RnnTrialResult);
    expect(b!.test).not.toBe(a!.test);
    expect(me!.test).not.toBe(a!.test);
  }, 300_000);

  it('names each model file by its settings: a changed setting never reads another run’s model', () => {
    const a = modelFileFor('/m', base(), 1);
    expect(a).toMatch(/^\/m\/rnn-h8-seed1-[0-9a-f]{12}\.json$/);
    expect(modelFileFor('/m', base(), 1)).toBe(a);
    expect(modelFileFor('/m', base({ maxEpochs: 3 }), 1)).not.toBe(a);
    expect(modelFileFor('/m', base(), 2)).not.toBe(a);
    expect(modelFileFor('/m', base({ direct: 10, directOrder: 3 }), 1)).toMatch(/\/rnnme-h8-seed1-/);
  });

  it('reports a data folder without the PTB files as a failed trial naming the file', async () => {
    const sweep = defineSweep({
      name: 'rnnlm-trials-missing',
      trials: [{ id: 'nowhere', trial: RNN_TRIAL, seed: 1, settings: base({ data: join(dir, 'nowhere') }) }],
    });
    const report = await runSweep(sweep, { workers: 0 });
    expect(report.failed).toBe(1);
    expect(report.records[0]?.error?.message).toContain(`file: ${join(dir, 'nowhere', 'ptb.valid.txt')}`);
  });
});

describe('expectedEpochs (the time estimate of a full-protocol RNN)', () => {
  it("expects what rnnlm's schedule took here: 13 epochs at its 1.003, 20 at 1.001, more for a smaller factor", () => {
    expect(expectedEpochs(1.003, 50)).toBe(13);
    expect(expectedEpochs(1.0015, 50)).toBe(18);
    expect(expectedEpochs(1.001, 50)).toBe(20);
    expect(expectedEpochs(1.0005, 50)).toBe(22);
    // A factor that stops sooner than rnnlm's still trains the epochs before the first halving.
    expect(expectedEpochs(1.01, 50)).toBe(13);
  });

  it('never expects more than --max-epochs', () => {
    expect(expectedEpochs(1.001, 15)).toBe(15);
    expect(expectedEpochs(1.003, 2)).toBe(2);
  });
});
