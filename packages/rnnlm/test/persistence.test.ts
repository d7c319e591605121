import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KneserNeyLm, RnnLm, RnnlmError, loadLanguageModel, saveLanguageModel } from '../src/index';

const dir = mkdtempSync(join(tmpdir(), 'rnnlm-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saveLanguageModel / loadLanguageModel', () => {
  const text = Int32Array.of(1, 2, 3, 0, 2, 3, 1, 0, 3, 1, 0);

  it('round-trips an RNN LM and a Kneser-Ney LM through files atomically', async () => {
    const rnn = new RnnLm({ vocabSize: 4, hiddenSize: 3, classes: 2, seed: 9 });
    rnn.learn(text, { alpha: 0.1 });
    const kn = KneserNeyLm.train(text, 4, { order: 3 });
    await saveLanguageModel(join(dir, 'rnn.json'), rnn);
    await saveLanguageModel(join(dir, 'kn.json'), kn);
    const rnn2 = await loadLanguageModel(join(dir, 'rnn.json'));
    const kn2 = await loadLanguageModel(join(dir, 'kn.json'));
    expect(rnn2).toBeInstanceOf(RnnLm);
    expect(kn2).toBeInstanceOf(KneserNeyLm);
    expect(Array.from(rnn2.tokenProbabilities(text))).toEqual(Array.from(rnn.tokenProbabilities(text)));
    expect(Array.from(kn2.tokenProbabilities(text))).toEqual(Array.from(kn.tokenProbabilities(text)));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('names the file and field of a bad model file', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'something-else' }));
    await expect(loadLanguageModel(bad)).rejects.toThrow(RnnlmError);
    writeFileSync(bad, 'not json');
    await expect(loadLanguageModel(bad)).rejects.toThrow(/bad\.json/);
  });
});
