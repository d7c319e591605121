import { describe, expect, it } from 'vitest';
import { RnnLm, RnnlmError, SeededRandom } from '../src/index';

/**
 * Σ ln P(tokens) written out from the weights, with the output layer seeing s(t) ⊙ masks[t]: the
 * reference a dropout gradient is checked against (masks = null: no dropout).
 */
function referenceLogProbability(m: RnnLm, tokens: Int32Array, masks: Float64Array[] | null): number {
  const H = m.hiddenSize;
  const { classOf, classStart, position, count: C } = m.classes;
  let prev = new Float64Array(H).fill(m.initialState);
  let x = m.eosId;
  let total = 0;
  const logSoftmax = (scores: number[], i: number): number => {
    const top = Math.max(...scores);
    const z = scores.reduce((acc, v) => acc + Math.exp(v - top), 0);
    return scores[i] - top - Math.log(z);
  };
  tokens.forEach((y, t) => {
    const s = new Float64Array(H);
    for (let i = 0; i < H; i++) {
      let a = m.inputWeights[x * H + i];
      for (let j = 0; j < H; j++) a += m.recurrentWeights[i * H + j] * prev[j];
      s[i] = 1 / (1 + Math.exp(-a));
    }
    const out = masks ? s.map((v, j) => v * masks[t][j]) : s;
    const row = (w: Float64Array, r: number): number => out.reduce((acc, v, j) => acc + w[r * H + j] * v, 0);
    const c = classOf[y];
    const classScores = Array.from({ length: C }, (_, k) => row(m.classWeights, k));
    const a = classStart[c];
    const wordScores = Array.from({ length: classStart[c + 1] - a }, (_, k) => row(m.outputWeights, a + k));
    total += logSoftmax(classScores, c) + logSoftmax(wordScores, position[y] - a);
    prev = s;
    x = y;
  });
  return total;
}

function tinyModel(seed = 3, engine: 'wasm' | 'js' = 'wasm'): RnnLm {
  const counts = Uint32Array.of(9, 7, 5, 4, 3, 2, 1);
  return new RnnLm({ vocabSize: 7, hiddenSize: 5, classes: 3, counts, seed, initStd: 0.5, engine });
}

/**
 * Checks that one `learn` pass with a tiny α moved every weight by α × the finite-difference gradient
 * of `objective` at the weights of `before`; returns how many weights were checked.
 */
function expectGradientStep(before: RnnLm, after: RnnLm, alpha: number, objective: (m: RnnLm) => number): number {
  const groups: [string, (m: RnnLm) => Float64Array][] = [
    ['input', (m) => m.inputWeights],
    ['recurrent', (m) => m.recurrentWeights],
    ['class', (m) => m.classWeights],
    ['output', (m) => m.outputWeights],
  ];
  let checked = 0;
  for (const [name, get] of groups) {
    const w0 = get(before);
    const w1 = get(after);
    for (let i = 0; i < w0.length; i++) {
      const analytic = (w1[i] - w0[i]) / alpha;
      const probe = before.clone();
      const eps = 1e-5;
      get(probe)[i] = w0[i] + eps;
      const up = objective(probe);
      get(probe)[i] = w0[i] - eps;
      const down = objective(probe);
      const numeric = (up - down) / (2 * eps);
      // Words never used as input have zero gradient in both.
      expect(Math.abs(analytic - numeric), `${name}[${i}]`).toBeLessThan(1e-4 * Math.max(1, Math.abs(numeric)));
      checked++;
    }
  }
  return checked;
}

describe('RnnLm', () => {
  it.each(['wasm', 'js'] as const)('matches finite differences on one full BPTT step (float64, %s)', (engine) => {
    const tokens = Int32Array.of(2, 5, 0, 1, 3, 6, 2, 0);
    const T = tokens.length;
    const alpha = 1e-6;
    const before = tinyModel(3, engine);
    expect(before.engine).toBe(engine);
    const after = before.clone();
    after.learn(tokens, { alpha, beta: 0, bptt: T + 2, bpttBlock: T, gradientCutoff: 1e9 });
    const checked = expectGradientStep(before, after, alpha, (m) => m.logProbability(tokens));
    expect(checked).toBe(7 * 5 + 5 * 5 + 3 * 5 + 7 * 5);
  });

  it.each(['wasm', 'js'] as const)('matches finite differences with dropout masks on the output path (%s)', (engine) => {
    const tokens = Int32Array.of(2, 5, 0, 1, 3, 6, 2, 0);
    const T = tokens.length;
    const alpha = 1e-6;
    const dropout = 0.4;
    const seed = 9;
    const before = tinyModel(3, engine);
    // The reference forward is the model's own when nothing is dropped.
    expect(referenceLogProbability(before, tokens, null)).toBeCloseTo(before.logProbability(tokens), 10);
    // Masks as documented: one draw of SeededRandom(seed) per token and hidden unit, in order.
    const rng = new SeededRandom(seed);
    const masks = Array.from(tokens, () =>
      Float64Array.from({ length: 5 }, () => (rng.uniform() < dropout ? 0 : 1 / (1 - dropout))),
    );
    expect(masks.flatMap((m) => Array.from(m)).filter((v) => v === 0).length).toBeGreaterThan(0);
    const after = before.clone();
    after.learn(tokens, { alpha, beta: 0, bptt: T + 2, bpttBlock: T, gradientCutoff: 1e9, dropout, seed });
    expectGradientStep(before, after, alpha, (m) => referenceLogProbability(m, tokens, masks));
    // …and it is not the gradient without dropout.
    const plain = before.clone();
    plain.learn(tokens, { alpha, beta: 0, bptt: T + 2, bpttBlock: T, gradientCutoff: 1e9 });
    const moved = plain.outputWeights.filter((v, i) => Math.abs(v - after.outputWeights[i]) > 1e-12).length;
    expect(moved).toBeGreaterThan(0);
  });

  it('learns reproducibly with dropout: same seed, same weights; dropout 0 is no dropout', () => {
    const text = Int32Array.of(1, 2, 3, 4, 5, 6, 0, 1, 2, 3, 4, 5, 6, 0);
    const run = (options: { dropout?: number; seed?: number }): Float64Array => {
      const m = tinyModel(4);
      m.learn(text, { alpha: 0.1, ...options });
      return Float64Array.from([...m.inputWeights, ...m.recurrentWeights, ...m.classWeights, ...m.outputWeights]);
    };
    expect(run({ dropout: 0.3, seed: 5 })).toEqual(run({ dropout: 0.3, seed: 5 }));
    expect(run({ dropout: 0.3, seed: 5 })).not.toEqual(run({ dropout: 0.3, seed: 6 }));
    expect(run({ dropout: 0, seed: 5 })).toEqual(run({}));
    for (const dropout of [-0.1, 1, Number.NaN]) {
      expect(() => run({ dropout })).toThrow(RnnlmError);
    }
  });

  it('unrolls bptt + bpttBlock − 1 steps, as rnnlm-0.4b does for `-bptt N` (stored as N + 1)', () => {
    // Distinct inputs: time 1 reads eos (0), time k ≥ 2 reads tokens[k − 2]. With bpttBlock 2 the last
    // update (time 7, one fresh error) unrolls bptt + 1 steps: times 3…7, i.e. input words 2…6.
    const V = 9;
    const H = 4;
    const make = (): RnnLm => new RnnLm({ vocabSize: V, hiddenSize: H, classes: 3, seed: 5, initStd: 0.5 });
    const tokens = Int32Array.of(1, 2, 3, 4, 5, 6, 7);
    const options = { alpha: 0.05, bptt: 4, bpttBlock: 2 };
    const upTo6 = make();
    upTo6.learn(tokens.subarray(0, 6), options);
    const all = make();
    all.learn(tokens, options);
    const reached: number[] = [];
    for (let w = 0; w < V; w++) {
      let changed = false;
      for (let j = 0; j < H; j++) if (upTo6.inputWeights[w * H + j] !== all.inputWeights[w * H + j]) changed = true;
      if (changed) reached.push(w);
    }
    expect(reached).toEqual([2, 3, 4, 5, 6]);
  });

  it('initialises weights like rnnlm (Σ of three uniforms) or from N(0, σ²), both with std σ', () => {
    for (const initialization of ['rnnlm', 'normal'] as const) {
      const lm = new RnnLm({ vocabSize: 400, hiddenSize: 50, classes: 10, seed: 2, initialization });
      const w = lm.inputWeights;
      let sq = 0;
      let max = 0;
      for (let i = 0; i < w.length; i++) {
        sq += w[i] * w[i];
        max = Math.max(max, Math.abs(w[i]));
      }
      expect(Math.sqrt(sq / w.length)).toBeCloseTo(0.1, 2);
      if (initialization === 'rnnlm') expect(max).toBeLessThanOrEqual(0.3);
      else expect(max).toBeGreaterThan(0.3);
    }
    expect(() => new RnnLm({ vocabSize: 4, hiddenSize: 2, initialization: 'he' as 'normal' })).toThrow(/initialization/);
  });

  it('applies the L2 decay only on every regularizeEvery-th token, as rnnlm does', () => {
    const nine = Int32Array.of(1, 2, 3, 4, 5, 6, 0, 1, 2);
    const ten = Int32Array.of(1, 2, 3, 4, 5, 6, 0, 1, 2, 3);
    for (const [text, decays] of [
      [nine, false],
      [ten, true],
    ] as const) {
      const a = tinyModel(6);
      const b = tinyModel(6);
      a.learn(text, { alpha: 0.1, beta: 0 });
      b.learn(text, { alpha: 0.1, beta: 0.5 });
      const same =
        a.outputWeights.every((v, i) => v === b.outputWeights[i]) &&
        a.recurrentWeights.every((v, i) => v === b.recurrentWeights[i]);
      expect(same).toBe(!decays);
    }
  });

  it('clips the hidden-layer error at gradientCutoff before the sigmoid derivative', () => {
    const cutoff = 1e-3;
    const alpha = 0.5;
    const a = tinyModel(8);
    const before = a.clone();
    a.learn(Int32Array.of(4), { alpha, beta: 0, gradientCutoff: cutoff }); // one token, one unrolled step
    let max = 0;
    for (let i = 0; i < a.inputWeights.length; i++) max = Math.max(max, Math.abs(a.inputWeights[i] - before.inputWeights[i]));
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(alpha * cutoff * 0.25 + 1e-15); // |error| ≤ c, s(1 − s) ≤ 1/4
  });

  it('trains identically with the WebAssembly and JavaScript engines', () => {
    const text = Int32Array.from({ length: 300 }, (_, i) => (i * 7 + (i >> 3)) % 7);
    const a = tinyModel(4, 'wasm');
    const b = tinyModel(4, 'js');
    const la = a.learn(text, { alpha: 0.1 });
    const lb = b.learn(text, { alpha: 0.1 });
    expect(la).toBeCloseTo(lb, 9);
    const pa = a.tokenProbabilities(text);
    const pb = b.tokenProbabilities(text);
    for (let i = 0; i < pa.length; i++) expect(pa[i]).toBeCloseTo(pb[i], 11);
  });

  it('gives next-word distributions over the whole vocabulary that sum to 1', () => {
    const lm = tinyModel(5);
    for (const history of [new Int32Array(0), Int32Array.of(3), Int32Array.of(1, 2, 0, 6)]) {
      const p = lm.nextDistribution(history);
      expect(p.length).toBe(7);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(Math.min(...p)).toBeGreaterThan(0);
    }
  });

  it('scores tokens consistently with its next-word distributions', () => {
    const lm = tinyModel(7);
    const tokens = Int32Array.of(4, 1, 0, 2);
    const p = lm.tokenProbabilities(tokens);
    for (let t = 0; t < tokens.length; t++) {
      expect(p[t]).toBeCloseTo(lm.nextDistribution(tokens.subarray(0, t))[tokens[t]], 12);
    }
    expect(lm.perplexity(tokens)).toBeCloseTo(Math.exp(-p.reduce((a, b) => a + Math.log(b), 0) / 4), 10);
  });

  it('learns a deterministic cycle and samples it back', () => {
    const V = 6;
    const cycle = Int32Array.from({ length: 600 }, (_, i) => (i % 5) + 1);
    const lm = new RnnLm({ vocabSize: V, hiddenSize: 12, classes: 2, seed: 1 });
    const before = lm.perplexity(cycle);
    for (let e = 0; e < 20; e++) lm.learn(cycle, { alpha: 0.2 });
    expect(before).toBeGreaterThan(4);
    expect(lm.perplexity(cycle)).toBeLessThan(1.3);
    const s = lm.sample(10, { seed: 3, history: Int32Array.of(1, 2) });
    expect(Array.from(s)).toEqual([3, 4, 5, 1, 2, 3, 4, 5, 1, 2]);
  });

  it('round-trips through JSON exactly', () => {
    const lm = tinyModel(11);
    const copy = RnnLm.fromJSON(JSON.parse(JSON.stringify(lm.toJSON())));
    const tokens = Int32Array.of(1, 2, 3, 0, 6, 5);
    expect(Array.from(copy.tokenProbabilities(tokens))).toEqual(Array.from(lm.tokenProbabilities(tokens)));
    expect(copy.classes.classStart).toEqual(lm.classes.classStart);
  });

  it('rejects bad arguments with typed errors', () => {
    expect(() => new RnnLm({ vocabSize: 1, hiddenSize: 3 })).toThrow(RnnlmError);
    const lm = tinyModel();
    expect(() => lm.tokenProbabilities(Int32Array.of(7))).toThrow(/tokens\[0\]/);
    expect(() => lm.learn(Int32Array.of(1), { alpha: -1 })).toThrow(/alpha/);
    expect(() => RnnLm.fromJSON({ ...lm.toJSON(), outputWeights: 'AAAA' })).toThrow(/outputWeights/);
  });
});
