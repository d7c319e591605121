import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { removeTempLeftovers } from '@dlkit/core/node';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
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

describe('loadLanguageModel on broken files: a typed error naming the file and the field', () => {
  const text = Int32Array.of(1, 2, 3, 0, 2, 3, 1, 0, 3, 1, 0);
  const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const nanWeights = (n: number) => {
    const w = new Float64Array(n);
    w[2] = Number.NaN;
    return Buffer.from(w.buffer).toString('base64');
  };

  const rnnCases: [string, (json: Record<string, unknown>, raw: string) => string, string, RegExp][] = [
    [
      'truncated in the middle',
      (_, raw) => raw.slice(0, raw.length >> 1),
      'text',
      /expected a model file written by saveLanguageModel \(JSON\), received ".*"\. The file is truncated or corrupt$/,
    ],
    ['empty', () => '', 'text', /received ""/],
    [
      'another format',
      (j) => JSON.stringify({ ...j, format: 'other' }),
      'format',
      /expected 'dlkit-rnnlm' or 'dlkit-kneser-ney', received "other"/,
    ],
    ['a version from the future', (j) => JSON.stringify({ ...j, version: 2 }), 'version', /expected 1, received 2/],
    [
      'vocabSize as a string',
      (j) => JSON.stringify({ ...j, vocabSize: '4' }),
      'vocabSize',
      /expected an integer >= 2, received "4"/,
    ],
    [
      'inputWeights cut short',
      (j) => JSON.stringify({ ...j, inputWeights: (j.inputWeights as string).slice(4) }),
      'inputWeights',
      /expected base64 of 12 float64, received "malformed data"/,
    ],
    [
      'a NaN output weight',
      (j) => JSON.stringify({ ...j, outputWeights: nanWeights(12) }),
      'outputWeights[2]',
      /expected a finite number, received NaN/,
    ],
    [
      'classOf scrambled',
      (j) => JSON.stringify({ ...j, classOf: Buffer.from(new Int32Array([7, 7, 7, 7]).buffer).toString('base64') }),
      'classes.classOf[0]',
      /expected a class in \[0, 2\), received 7/,
    ],
    ['initialState null', (j) => JSON.stringify({ ...j, initialState: null }), 'initialState', /received null/],
  ];
  for (const [what, corrupt, field, message] of rnnCases) {
    it(`RnnLm file ${what}`, async () => {
      const path = join(dir, `rnn-${what.replace(/\W+/g, '-')}.json`);
      const rnn = new RnnLm({ vocabSize: 4, hiddenSize: 3, classes: 2, seed: 9 });
      await saveLanguageModel(path, rnn);
      const raw = readFileSync(path, 'utf8');
      writeFileSync(path, corrupt(JSON.parse(raw) as Record<string, unknown>, raw));
      const err = await loadLanguageModel(path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RnnlmError);
      expect((err as RnnlmError).file).toBe(path);
      expect((err as RnnlmError).field).toBe(field);
      expect((err as Error).message).toMatch(new RegExp(`^${escapeRegExp(path)}: ${escapeRegExp(field)}: `));
      expect((err as Error).message).toMatch(message);
    });
  }

  const knCases: [string, (json: Record<string, unknown>) => Record<string, unknown>, string, RegExp][] = [
    [
      'tokenCount unlike the tokens',
      (j) => ({ ...j, tokenCount: 5 }),
      'tokens',
      /expected base64 of 5 int32, received "malformed data"/,
    ],
    [
      'a token beyond the vocabulary',
      (j) => ({ ...j, tokens: Buffer.from(Int32Array.of(1, 9).buffer).toString('base64'), tokenCount: 2 }),
      'tokens[1]',
      /expected a token id in \[0, 4\), received 9/,
    ],
    ['order 12', (j) => ({ ...j, order: 12 }), 'options.order', /expected an integer in \[1, 9\], received 12/],
    ['minCounts not an array', (j) => ({ ...j, minCounts: 'x' }), 'options.minCounts', /received "x"/],
  ];
  for (const [what, corrupt, field, message] of knCases) {
    it(`KneserNeyLm file ${what}`, async () => {
      const path = join(dir, `kn-${what.replace(/\W+/g, '-')}.json`);
      await saveLanguageModel(path, KneserNeyLm.train(text, 4, { order: 3 }));
      writeFileSync(path, JSON.stringify(corrupt(JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)));
      const err = await loadLanguageModel(path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RnnlmError);
      expect((err as RnnlmError).file).toBe(path);
      expect((err as Error).message).toMatch(new RegExp(`^${escapeRegExp(path)}: ${escapeRegExp(field)}: `));
      expect((err as Error).message).toMatch(message);
    });
  }

  it('a missing file', async () => {
    const path = join(dir, 'missing.json');
    const err = await loadLanguageModel(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RnnlmError);
    expect((err as RnnlmError).file).toBe(path);
    expect((err as Error).message).toMatch(
      new RegExp(
        `^${escapeRegExp(path)}: path: expected a readable model file written by saveLanguageModel, received "ENOENT: no such file or directory`,
      ),
    );
  });

  it('saves through the atomic writer: no temporary file is left beside the model', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'rnnlm-atomic-'));
    onTestFinished(() => rmSync(sub, { recursive: true, force: true }));
    await saveLanguageModel(join(sub, 'lm.json'), KneserNeyLm.train(text, 4, { order: 2 }));
    await saveLanguageModel(join(sub, 'lm.json'), new RnnLm({ vocabSize: 4, hiddenSize: 2 }));
    expect(readdirSync(sub)).toEqual(['lm.json']);
    expect(await loadLanguageModel(join(sub, 'lm.json'))).toBeInstanceOf(RnnLm);
  });
});

describe('saveLanguageModel under SIGKILL', () => {
  it('a process killed while saving leaves the previous model whole and loadable', async () => {
    const sub = mkdtempSync(join(tmpdir(), 'rnnlm-kill-'));
    onTestFinished(() => rmSync(sub, { recursive: true, force: true }));
    const target = join(sub, 'lm.json');
    // Big enough (≈ 4 MB of JSON) that writing and syncing take a good share of each save.
    const options = { vocabSize: 2500, hiddenSize: 100, classes: 50 };
    await saveLanguageModel(target, new RnnLm({ ...options, seed: 1 }));
    const first = readFileSync(target, 'utf8');
    const src = pathToFileURL(join(__dirname, '..', 'src', 'index.ts')).href;
    const script = `
      const { RnnLm, saveLanguageModel } = await import(${JSON.stringify(src)});
      const lm = new RnnLm({ ...${JSON.stringify(options)}, seed: 2 });
      for (;;) {
        await saveLanguageModel(${JSON.stringify(target)}, lm);
        process.stdout.write('saved\\n');
      }
    `;
    let changed = false;
    for (let round = 0; round < 6; round++) {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: join(__dirname, '..'),
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // Wait for the first whole save, then kill at a random moment of a later one.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const lm = await loadLanguageModel(target);
      expect(lm).toBeInstanceOf(RnnLm);
      expect((lm as RnnLm).vocabSize).toBe(2500);
      if (readFileSync(target, 'utf8') !== first) changed = true;
    }
    expect(changed).toBe(true);
    await removeTempLeftovers(sub, 0);
    expect(readdirSync(sub)).toEqual(['lm.json']);
  }, 120_000);
});
