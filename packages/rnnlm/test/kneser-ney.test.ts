import { describe, expect, it } from 'vitest';
import { KneserNeyLm, RnnlmError, SeededRandom } from '../src/index';

// Toy corpus over V = 4 words (0 = </s>, 1 = a, 2 = b, 3 = c): "a b", "a c", "b".
const TOY = Int32Array.of(1, 2, 0, 1, 3, 0, 2, 0);

function randomText(n: number, V: number, seed: number): Int32Array {
  const rng = new SeededRandom(seed);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.uniform() < 0.15 ? 0 : 1 + Math.floor(rng.uniform() ** 2 * (V - 1));
  out[n - 1] = 0;
  return out;
}

describe('KneserNeyLm', () => {
  it('matches hand-computed modified Kneser-Ney estimates on a toy corpus', () => {
    const kn = KneserNeyLm.train(TOY, 4, { order: 2 });
    // Continuation counts of unigrams: a {<s>} = 1, b {a, <s>} = 2, c {a} = 1, </s> {b, c} = 2.
    // n1 = 2, n2 = 2 → Y = 1/3, D1 = 1 − 2Y·n2/n1 = 1/3, D2 = 2 − 3Y·0 = 2; no count ≥ 3, so D3+ is unused.
    expect(kn.discounts[0].countOfCounts).toEqual([2, 2, 0, 0]);
    expect(kn.discounts[0].d1).toBeCloseTo(1 / 3, 12);
    expect(kn.discounts[0].d2).toBeCloseTo(2, 12);
    // Raw bigram counts: <s>a 2, ab 1, b</s> 2, ac 1, c</s> 1, <s>b 1 → n1 = 4, n2 = 2, Y = 1/2, D1 = 1/2.
    expect(kn.discounts[1].countOfCounts).toEqual([4, 2, 0, 0]);
    expect(kn.discounts[1].d1).toBeCloseTo(0.5, 12);
    // Unigrams: total 6, γ = (D1·2 + D2·2)/6 = 7/9; p(a) = (1 − 1/3)/6 + γ/4 = 11/36, p(b) = 7/36.
    // After <s>: total 3, γ = (0.5 + 2)/3 = 5/6; p(a|<s>) = 0 + 5/6·11/36, p(b|<s>) = 0.5/3 + 5/6·7/36.
    expect(kn.probability(1, [])).toBeCloseTo(55 / 216, 12);
    expect(kn.probability(2, [])).toBeCloseTo(71 / 216, 12);
    expect(kn.probability(3, [])).toBeCloseTo(55 / 216, 12); // unseen after <s>: γ·p(c)
    // After a: total 2, γ = 0.5·2/2 = 1/2; p(c|a) = 0.5/2 + 1/2·11/36 = 29/72; unseen </s>: 1/2·7/36.
    expect(kn.probability(3, [1])).toBeCloseTo(29 / 72, 12);
    expect(kn.probability(0, [1])).toBeCloseTo(7 / 72, 12);
    // A stream: a c </s> → p(a|<s>), p(c|a), p(</s>|c) = 0.5/1 + 1/2·7/36 = 43/72.
    const p = kn.tokenProbabilities(Int32Array.of(1, 3, 0, 1));
    expect(Array.from(p).map((x) => x * 216)).toEqual(
      [55, (29 / 72) * 216, (43 / 72) * 216, 55].map((x) => expect.closeTo(x, 9)),
    );
    // Everything before the last </s> is ignored in sentence mode.
    expect(kn.probability(1, [1, 3, 0])).toBeCloseTo(55 / 216, 12);
  });

  it('keeps every word possible on a repetitive corpus whose count-of-counts give out-of-range discounts', () => {
    // 200 sentences seen 4 times each and 5 seen 3 times: for orders ≥ 3, n4 ≫ n3 makes the Chen & Goodman
    // D3+ = 3 − 4Y·n4/n3 negative. Clamped to 0, contexts seen only with such counts had no back-off mass and
    // 49 of 50 words had probability 0 after them.
    const rng = new SeededRandom(3);
    const word = () => 1 + Math.floor(rng.uniform() * 49);
    const tokens: number[] = [];
    const lines = Array.from({ length: 200 }, () => Array.from({ length: 3 + Math.floor(rng.uniform() * 6) }, word));
    for (const line of lines) for (let r = 0; r < 4; r++) tokens.push(...line, 0);
    for (let i = 0; i < 5; i++) {
      const line = [word(), word(), word(), word()];
      for (let r = 0; r < 3; r++) tokens.push(...line, 0);
    }
    for (let i = 0; i < 100; i++) tokens.push(word(), word(), 0);
    const kn = KneserNeyLm.train(Int32Array.from(tokens), 50, { order: 5 });
    for (const d of kn.discounts) {
      for (const [k, value] of [d.d1, d.d2, d.d3].entries()) {
        expect(value).toBeGreaterThan(0);
        expect(value).toBeLessThanOrEqual(k + 1);
      }
    }
    // Some order fell back to KenLM's --discount_fallback values.
    expect(kn.discounts.some((d) => d.d1 === 0.5 && d.d2 === 1 && d.d3 === 1.5 && d.countOfCounts[0] > 0)).toBe(true);
    for (const line of lines.slice(0, 20)) {
      const p = kn.nextDistribution(Int32Array.from(line.slice(0, 3)));
      expect(Math.min(...p)).toBeGreaterThan(0);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    }
  });

  it('gives distributions that sum to 1 for every order, with and without cut-offs or boundaries', () => {
    const text = randomText(3000, 30, 4);
    const histories = [new Int32Array(0), Int32Array.of(3), Int32Array.of(1, 2, 0, 5, 5, 7), text.subarray(100, 110)];
    for (const options of [
      { order: 1 },
      { order: 3 },
      { order: 5 },
      { order: 4, minCounts: [1, 1, 2, 2] },
      { order: 5, sentenceBoundaries: false },
    ]) {
      const kn = KneserNeyLm.train(text, 30, options);
      for (const h of histories) {
        const p = kn.nextDistribution(h);
        expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
        expect(Math.min(...p)).toBeGreaterThan(0);
      }
    }
  });

  it('is better on held-out text at higher order, and cut-offs remove n-grams', () => {
    const text = randomText(6000, 20, 9);
    // A predictable pattern: every 3rd word repeats the one two places before.
    for (let i = 2; i < text.length; i += 3) if (text[i] !== 0 && text[i - 2] !== 0) text[i] = text[i - 2];
    const train = text.subarray(0, 5000);
    const test = text.subarray(5000);
    const uni = KneserNeyLm.train(train, 20, { order: 1 }).perplexity(test);
    const tri = KneserNeyLm.train(train, 20, { order: 3 }).perplexity(test);
    expect(tri).toBeLessThan(uni);
    const full = KneserNeyLm.train(train, 20, { order: 3 });
    const cut = KneserNeyLm.train(train, 20, { order: 3, minCounts: [1, 1, 3] });
    expect(cut.ngramCounts[2]).toBeLessThan(full.ngramCounts[2]);
  });

  it('samples only words of the vocabulary and round-trips through JSON', () => {
    const text = randomText(500, 12, 2);
    const kn = KneserNeyLm.train(text, 12, { order: 3, sentenceBoundaries: false });
    const s = kn.sample(30, { seed: 5 });
    expect(s.every((w) => w >= 0 && w < 12)).toBe(true);
    const copy = KneserNeyLm.fromJSON(JSON.parse(JSON.stringify(kn.toJSON())));
    expect(Array.from(copy.tokenProbabilities(text.subarray(0, 50)))).toEqual(
      Array.from(kn.tokenProbabilities(text.subarray(0, 50))),
    );
  });

  it('rejects bad input with typed errors', () => {
    expect(() => KneserNeyLm.train(Int32Array.of(1, 5), 4)).toThrow(RnnlmError);
    expect(() => KneserNeyLm.train(TOY, 4, { order: 0 })).toThrow(/order/);
    expect(() => KneserNeyLm.train(TOY, 4, { minCounts: [0] })).toThrow(/minCounts\[0\]/);
    expect(() => KneserNeyLm.train(TOY, 4).probability(4, [])).toThrow(/word/);
  });
});
