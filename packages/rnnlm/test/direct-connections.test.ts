import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RnnLm, RnnlmError, loadLanguageModel, saveLanguageModel, trainRnnLm } from '../src/index';

const dir = mkdtempSync(join(tmpdir(), 'rnnlm-direct-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COUNTS = Uint32Array.of(9, 7, 5, 4, 3, 2, 1);

function rnnme(directSize: number, seed = 3, engine: 'wasm' | 'js' = 'wasm', directOrder = 3): RnnLm {
  return new RnnLm({
    vocabSize: 7,
    hiddenSize: 5,
    classes: 3,
    counts: COUNTS,
    seed,
    initStd: 0.5,
    engine,
    directSize,
    directOrder,
  });
}

/** rnnlm-0.4b's PRIMES (rnnlmlib.h). */
const PRIMES = [
  108641969, 116049371, 125925907, 133333309, 145678979, 175308587, 197530793, 234567803, 251851741, 264197411, 330864029,
  399999781, 407407183, 459258997, 479012069, 545678687, 560493491, 607407037, 629629243, 656789717, 716048933, 718518067,
  725925469, 733332871, 753085943, 755555077, 782715551, 790122953, 812345159, 814814293, 893826581, 923456189, 940740127,
  953085797, 985184539, 990122807,
].map(BigInt);

/**
 * A literal port of rnnlm-0.4b's direct-connection hashing with C's integer types emulated by BigInt
 * (unsigned int = mod 2³², unsigned long long = mod 2⁶⁴): the syn_d indices used when predicting a word
 * of class `cls` (n words) after `history` (history[0] = the current input word).
 */
function rnnlmIndices(history: number[], cls: number, n: number, C: number, D: number, K: number): number[] {
  const u32 = (x: bigint): bigint => BigInt.asUintN(32, x);
  const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
  const size = BigInt(D);
  const half = size / 2n;
  const out: number[] = [];
  const hash: bigint[] = [];
  const sum = (a: number, start: bigint): bigint => {
    let h = start;
    for (let b = 1; b <= a; b++) {
      const idx = u32(u32(BigInt(a) * PRIMES[b]) + BigInt(b)) % BigInt(PRIMES.length);
      h = u64(h + u64(PRIMES[Number(idx)] * BigInt(history[b - 1] + 1)));
    }
    return h;
  };
  for (let a = 0; a < K; a++) hash[a] = sum(a, u32(PRIMES[0] * PRIMES[1])) % half; // classes
  for (let c = 0; c < C; c++) {
    for (let b = 0; b < K; b++) {
      if (hash[b] === 0n) break;
      out.push(Number(hash[b]));
      hash[b]++;
    }
  }
  for (let a = 0; a < K; a++) hash[a] = (sum(a, u64(u32(PRIMES[0] * PRIMES[1]) * BigInt(cls + 1))) % half) + half; // words
  for (let c = 0; c < n; c++) {
    for (let b = 0; b < K; b++) {
      if (hash[b] === 0n) break;
      out.push(Number(hash[b]));
      hash[b] = (hash[b] + 1n) % size;
    }
  }
  return out;
}

describe('direct n-gram connections (RNNME)', () => {
  it('hashes history n-grams into syn_d exactly as rnnlm-0.4b (a literal BigInt port)', () => {
    const V = 3000;
    const counts = new Uint32Array(V).fill(1);
    for (let w = 0; w < V; w++) counts[w] = V - w;
    const D = 2_000_000;
    const lm = new RnnLm({ vocabSize: V, hiddenSize: 4, classes: 20, counts, seed: 1, directSize: D, directOrder: 4 });
    const tokens = Int32Array.of(2999, 17, 0, 2500, 1234, 5, 5, 2998);
    lm.learn(tokens, { alpha: 0.1, beta: 0 });
    const expected = new Set<number>();
    const history = [0, 0, 0, 0];
    const { classOf, classStart } = lm.classes;
    for (const y of tokens) {
      const c = classOf[y];
      for (const i of rnnlmIndices(history, c, classStart[c + 1] - classStart[c], 20, D, 4)) expected.add(i);
      history.unshift(y);
      history.pop();
    }
    const touched: number[] = [];
    lm.directWeights.forEach((w, i) => {
      if (w !== 0) touched.push(i);
    });
    expect(touched.length).toBeGreaterThan(100);
    expect(touched).toEqual([...expected].sort((a, b) => a - b));
  });

  it.each(['wasm', 'js'] as const)('matches finite differences for every direct weight (%s)', (engine) => {
    const tokens = Int32Array.of(2, 5, 0, 1, 3, 6, 2, 0, 4, 1);
    const alpha = 1e-6;
    // A small table (D = 40) so that features collide and every weight can be probed.
    const before = rnnme(40, 3, engine);
    const warm = Int32Array.of(1, 2, 3, 0, 5, 6, 0, 2, 2, 4);
    before.learn(warm, { alpha: 0.5, beta: 0 }); // non-zero direct weights to start from
    const after = before.clone();
    after.learn(tokens, { alpha, beta: 0, bptt: 20, bpttBlock: tokens.length, gradientCutoff: 1e9 });
    let nonZero = 0;
    for (let i = 0; i < before.directSize; i++) {
      const analytic = (after.directWeights[i] - before.directWeights[i]) / alpha;
      const probe = before.clone();
      const eps = 1e-5;
      probe.directWeights[i] = before.directWeights[i] + eps;
      const up = probe.logProbability(tokens);
      probe.directWeights[i] = before.directWeights[i] - eps;
      const down = probe.logProbability(tokens);
      const numeric = (up - down) / (2 * eps);
      expect(Math.abs(analytic - numeric), `direct[${i}]`).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric)));
      if (Math.abs(numeric) > 1e-3) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(20);
    // The hidden-layer weights still follow their gradient with direct connections present.
    const w0 = before.inputWeights;
    const w1 = after.inputWeights;
    for (let i = 0; i < w0.length; i++) {
      const probe = before.clone();
      probe.inputWeights[i] = w0[i] + 1e-5;
      const up = probe.logProbability(tokens);
      probe.inputWeights[i] = w0[i] - 1e-5;
      const numeric = (up - probe.logProbability(tokens)) / 2e-5;
      expect(Math.abs((w1[i] - w0[i]) / alpha - numeric), `input[${i}]`).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric)));
    }
  });

  it('decays the direct weights by α·β on every token, as rnnlm (beta3 = alpha·beta)', () => {
    const a = rnnme(64);
    a.directWeights.fill(0.5);
    const b = a.clone();
    const tokens = Int32Array.of(1, 2);
    a.learn(tokens, { alpha: 0.1, beta: 0 });
    b.learn(tokens, { alpha: 0.1, beta: 0.3 });
    // An entry no feature touches stays put; touched entries shrink by the extra decay.
    let decayed = 0;
    for (let i = 0; i < 64; i++) {
      if (a.directWeights[i] === 0.5) expect(b.directWeights[i]).toBe(0.5);
      else if (b.directWeights[i] < a.directWeights[i] - 1e-3) decayed++;
    }
    expect(decayed).toBeGreaterThan(0);
  });

  it.each(['wasm', 'js'] as const)('gives next-word distributions that sum to 1 over the vocabulary (%s)', (engine) => {
    const lm = rnnme(1000, 5, engine);
    const text = Int32Array.of(1, 2, 3, 0, 5, 6, 0, 1, 2, 4, 0, 3, 3, 1, 0);
    for (let k = 0; k < 5; k++) lm.learn(text, { alpha: 0.3 });
    expect(lm.directWeights.some((w) => Math.abs(w) > 0.05)).toBe(true);
    for (const history of [Int32Array.of(), Int32Array.of(1, 2), Int32Array.of(5, 6, 0, 1)]) {
      const p = lm.nextDistribution(history);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      // …and agree with the word-by-word scores of the same text.
      const next = 3;
      const scored = lm.tokenProbabilities(Int32Array.from([...history, next]));
      expect(scored[history.length]).toBeCloseTo(p[next], 12);
    }
    expect(lm.sample(30, { seed: 2 }).length).toBe(30);
  });

  it('trains deterministically per seed and identically with both engines', () => {
    const text = Int32Array.of(1, 2, 3, 0, 5, 6, 0, 1, 2, 4, 0, 3, 3, 1, 0);
    const run = (seed: number, engine: 'wasm' | 'js'): RnnLm => {
      const lm = rnnme(500, seed, engine);
      for (let k = 0; k < 3; k++) lm.learn(text, { alpha: 0.2 });
      return lm;
    };
    const a = run(7, 'wasm');
    const b = run(7, 'wasm');
    expect(Array.from(b.directWeights)).toEqual(Array.from(a.directWeights));
    expect(Array.from(b.tokenProbabilities(text))).toEqual(Array.from(a.tokenProbabilities(text)));
    const js = run(7, 'js');
    for (let i = 0; i < 500; i++) expect(js.directWeights[i]).toBeCloseTo(a.directWeights[i], 10);
    expect(Array.from(run(8, 'wasm').directWeights)).not.toEqual(Array.from(a.directWeights));
  });

  it('round-trips through JSON and files, and copies with copyWeightsFrom', async () => {
    const lm = rnnme(300, 4, 'wasm', 2);
    const text = Int32Array.of(1, 2, 3, 0, 5, 6, 0, 1);
    lm.learn(text, { alpha: 0.2 });
    const json = JSON.parse(JSON.stringify(lm.toJSON()));
    expect(json.directSize).toBe(300);
    expect(json.directOrder).toBe(2);
    const back = RnnLm.fromJSON(json);
    expect(back.directOrder).toBe(2);
    expect(Array.from(back.directWeights)).toEqual(Array.from(lm.directWeights));
    expect(Array.from(back.tokenProbabilities(text))).toEqual(Array.from(lm.tokenProbabilities(text)));
    await saveLanguageModel(join(dir, 'rnnme.json'), lm);
    const loaded = await loadLanguageModel(join(dir, 'rnnme.json'));
    expect(Array.from(loaded.tokenProbabilities(text))).toEqual(Array.from(lm.tokenProbabilities(text)));
    const other = rnnme(300, 9, 'wasm', 2);
    other.copyWeightsFrom(lm);
    expect(Array.from(other.tokenProbabilities(text))).toEqual(Array.from(lm.tokenProbabilities(text)));
    expect(() => rnnme(400).copyWeightsFrom(lm)).toThrow(RnnlmError);
    expect(() => RnnLm.fromJSON({ ...json, directWeights: 'AAAA' })).toThrow(/directWeights/);
    expect(lm.parameterCount).toBe(7 * 5 + 5 * 5 + 3 * 5 + 7 * 5 + 300);
  });

  it('is off by default and validates its options', () => {
    const plain = new RnnLm({ vocabSize: 7, hiddenSize: 5, classes: 3 });
    expect(plain.directSize).toBe(0);
    expect(plain.directOrder).toBe(0);
    expect(plain.directWeights.length).toBe(0);
    expect(plain.toJSON().directWeights).toBeUndefined();
    expect(rnnme(100).directOrder).toBe(3);
    const err = (() => {
      try {
        rnnme(5);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(RnnlmError);
    expect((err as RnnlmError).field).toBe('directSize');
    expect(() => rnnme(100, 1, 'wasm', 0)).toThrow(/directOrder/);
    expect(() => rnnme(100, 1, 'wasm', 21)).toThrow(/directOrder/);
    expect(() => rnnme(1.5)).toThrow(/directSize/);
  });

  it('keeps what an undone epoch taught the direct weights unless restoreDirectWeights is set', () => {
    // α so large that the second epoch makes held-out text worse and is undone.
    const train = Int32Array.of(1, 2, 3, 0, 5, 6, 0, 1, 2, 4, 0, 3, 3, 1, 0, 2, 2, 6, 0);
    const valid = Int32Array.of(4, 4, 4, 0, 6, 6, 0);
    const finals: Float64Array[] = [];
    for (const restoreDirectWeights of [false, true]) {
      const lm = rnnme(200, 2);
      const report = trainRnnLm(lm, train, valid, { alpha: 3, maxEpochs: 6, restoreDirectWeights });
      expect(report.epochs.some((e) => !e.kept)).toBe(true);
      // The reported held-out perplexity is that of the weights the model ends with.
      expect(lm.perplexity(valid)).toBeCloseTo(report.validPerplexity, 8);
      finals.push(new Float64Array(lm.directWeights));
    }
    expect(Array.from(finals[1])).not.toEqual(Array.from(finals[0]));
    expect(() => trainRnnLm(rnnme(200), train, valid, { restoreDirectWeights: 1 as unknown as boolean })).toThrow(RnnlmError);
  });
});
