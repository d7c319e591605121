import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  RnnLm,
  RnnlmError,
  loadRnnTraining,
  rnnTrainReport,
  saveRnnTraining,
  trainRnnLm,
  trainRnnLmEpochs,
  type RnnEpochReport,
  type RnnTrainState,
} from '../src/index';
import { twoSentences } from './two-sentences';

const dir = mkdtempSync(join(tmpdir(), 'rnnlm-training-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const train = twoSentences(800, 1);
const valid = twoSentences(200, 2);
const options = { alpha: 0.1, dropout: 0.25, seed: 3, minImprovement: 1.01 };
const fresh = () => new RnnLm({ vocabSize: 8, hiddenSize: 8, classes: 2, seed: 4 });
/** An epoch report without its speed, which differs from run to run. */
const figures = ({ tokensPerSecond, ...e }: RnnEpochReport) => e;

async function failure(p: Promise<unknown>): Promise<RnnlmError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RnnlmError);
  return error as RnnlmError;
}

describe('saveRnnTraining / loadRnnTraining: a run killed after any epoch resumes to the uninterrupted result', () => {
  const straight = fresh();
  const whole = trainRnnLm(straight, train, valid, options);

  it('the uninterrupted run halves α and stops on its own (so resuming crosses the schedule’s turns)', () => {
    expect(whole.epochs.length).toBeGreaterThan(3);
    expect(whole.epochs.length).toBeLessThan(50);
    expect(whole.epochs.some((e) => e.alpha < 0.1)).toBe(true);
  });

  it.each([1, 2, 3])('killed after epoch %i: same epochs, weights and validation perplexity', async (k) => {
    const file = join(dir, `after-${k}.training.json`);
    const first = fresh();
    for (const state of trainRnnLmEpochs(first, train, valid, options)) {
      await saveRnnTraining(file, first, state);
      if (state.epochs.length === k) break; // the process dies here
    }
    const saved = await loadRnnTraining(file);
    if (saved === null) throw new Error(`no training file ${file}`);
    expect(saved.state.epochs.length).toBe(k);
    expect(saved.state.finished).toBe(false);
    const resumed = trainRnnLm(saved.model, train, valid, { ...options, resume: saved.state });
    expect(resumed.epochs.map(figures)).toEqual(whole.epochs.map(figures));
    expect(resumed.validPerplexity).toBe(whole.validPerplexity);
    expect(Array.from(saved.model.outputWeights)).toEqual(Array.from(straight.outputWeights));
    expect(Array.from(saved.model.recurrentWeights)).toEqual(Array.from(straight.recurrentWeights));
    expect(Array.from(saved.model.inputWeights)).toEqual(Array.from(straight.inputWeights));
    expect(Array.from(saved.model.classWeights)).toEqual(Array.from(straight.classWeights));
  });

  it('a finished state trains nothing more and gives the run’s report', async () => {
    const file = join(dir, 'finished.training.json');
    const lm = fresh();
    let last: RnnTrainState | undefined;
    for (last of trainRnnLmEpochs(lm, train, valid, options)) await saveRnnTraining(file, lm, last);
    if (last === undefined) throw new Error('no epoch');
    expect(last.finished).toBe(true);
    const saved = await loadRnnTraining(file);
    if (saved === null) throw new Error(`no training file ${file}`);
    expect([...trainRnnLmEpochs(saved.model, train, valid, { ...options, resume: saved.state })]).toEqual([]);
    const report = trainRnnLm(saved.model, train, valid, { ...options, resume: saved.state });
    expect(report).toEqual(rnnTrainReport(last));
    expect(report.validPerplexity).toBe(whole.validPerplexity);
    expect(report.seconds).toBeGreaterThan(0);
  });

  it('refuses to resume with other settings or texts, naming the setting', async () => {
    const lm = fresh();
    const [state] = trainRnnLmEpochs(lm, train, valid, options);
    for (const [change, field] of [
      [{ dropout: 0.3 }, 'resume.settings.dropout'],
      [{ seed: 4 }, 'resume.settings.seed'],
      [{ minImprovement: 1.003 }, 'resume.settings.minImprovement'],
    ] as const) {
      expect(() => trainRnnLm(lm, train, valid, { ...options, ...change, resume: state })).toThrow(
        expect.objectContaining({ field }),
      );
    }
    expect(() => trainRnnLm(lm, train.subarray(0, 700), valid, { ...options, resume: state })).toThrow(
      expect.objectContaining({ field: 'resume.settings.trainTokens' }),
    );
  });

  it('no file is nothing to resume; a cut-short, garbled or foreign file is an error naming the file and field', async () => {
    expect(await loadRnnTraining(join(dir, 'never-written.json'))).toBeNull();
    const file = join(dir, 'damaged.training.json');
    const lm = fresh();
    const [state] = trainRnnLmEpochs(lm, train, valid, options);
    await saveRnnTraining(file, lm, state);
    const intact = readFileSync(file, 'utf8');

    writeFileSync(file, intact.slice(0, intact.length - 40));
    const cut = await failure(loadRnnTraining(file));
    expect([cut.file, cut.field]).toEqual([file, 'text']);

    const json = JSON.parse(intact) as { state: Record<string, unknown>; format: string };
    writeFileSync(file, JSON.stringify({ ...json, state: { ...json.state, alpha: -1 } }));
    const bad = await failure(loadRnnTraining(file));
    expect([bad.file, bad.field]).toEqual([file, 'state.alpha']);

    writeFileSync(file, JSON.stringify({ ...json, state: { ...json.state, epochs: [{ epoch: 2 }] } }));
    expect((await failure(loadRnnTraining(file))).field).toBe('state.epochs[0].epoch');

    writeFileSync(file, JSON.stringify({ ...json, format: 'dlkit-rnnlm' }));
    expect((await failure(loadRnnTraining(file))).field).toBe('format');
    // The atomic writer leaves no temporary file beside it.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });
});
