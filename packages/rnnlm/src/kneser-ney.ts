import { decodeInt32, encodeArray } from './base64';
import { RnnlmError, checkInteger, checkTokens } from './errors';
import { perplexityOf } from './perplexity';
import { SeededRandom } from '@dlkit/core';

/** Options of {@link KneserNeyLm.train}. */
export interface KneserNeyOptions {
  /** N-gram order, 1–9 (default 5). */
  readonly order?: number;
  /** End-of-sentence id (default 0): n-grams never cross it, and each sentence starts with `<s>`. */
  readonly eosId?: number;
  /**
   * Minimum (modified) count for an n-gram of order k+1 to keep its own probability, per order
   * (SRILM's `-gtNmin`). Default: all 1, i.e. no cut-offs. SRILM's defaults are `[1, 1, 2, 2, 2]`.
   */
  readonly minCounts?: readonly number[];
  /**
   * `true` (default, SRILM's behaviour): every sentence is scored on its own, starting from `<s>`,
   * and n-grams never cross `eosId`. `false`: the text is one stream in which the end-of-sentence
   * token is an ordinary word, so contexts run across sentence boundaries — the way an RNN LM
   * reads text, and the protocol of the PTB benchmark in `examples/rnnlm`.
   */
  readonly sentenceBoundaries?: boolean;
}

/** The modified Kneser-Ney discounts of one order (Chen & Goodman). */
export interface KneserNeyDiscounts {
  /** Discount of n-grams seen once. */
  readonly d1: number;
  /** Discount of n-grams seen twice. */
  readonly d2: number;
  /** Discount of n-grams seen three times or more. */
  readonly d3: number;
  /** Count-of-counts n1…n4 they were estimated from. */
  readonly countOfCounts: readonly [number, number, number, number];
}

/** The JSON form of a {@link KneserNeyLm}: its training text and options (re-estimated on load). */
export interface SerializedKneserNeyLm {
  readonly format: 'dlkit-kneser-ney';
  readonly version: 1;
  readonly vocabSize: number;
  readonly order: number;
  readonly eosId: number;
  readonly minCounts: number[];
  readonly sentenceBoundaries: boolean;
  readonly tokenCount: number;
  readonly tokens: string;
}

/** Options of {@link KneserNeyLm.sample}. */
export interface KneserNeySampleOptions {
  /** Seed of the sampler (default 1). */
  readonly seed?: number;
  /** Tokens to continue (default: start of a sentence). */
  readonly history?: Int32Array;
}

const keyOf = (id: number): string => String.fromCharCode(id & 0xffff, id >>> 16);

/**
 * Interpolated modified Kneser-Ney n-gram language model, estimated exactly as SRILM's
 * `ngram-count -order N -kndiscount -interpolate -unk` does with a closed vocabulary:
 * lower orders use continuation counts (n-grams starting with `<s>` keep their raw counts),
 * three discounts D1, D2, D3+ per order from count-of-counts, interpolation down to a
 * uniform distribution over the V words, and back-off weights that renormalise every context.
 * `<unk>` is an ordinary word; `<s>` is a context only and never predicted.
 *
 * Reference: S. F. Chen & J. Goodman, "An empirical study of smoothing techniques for language
 * modeling", TR-10-98, Harvard, 1998.
 *
 * @example
 * ```ts
 * const kn = KneserNeyLm.train(train, vocab.size, { order: 5, eosId: vocab.eosId });
 * kn.perplexity(test); // e.g. 189.6 on the PTB protocol
 * ```
 */
export class KneserNeyLm {
  /** Vocabulary size V (`<s>` is internal and not counted). */
  readonly vocabSize: number;
  /** N-gram order. */
  readonly order: number;
  /** End-of-sentence id. */
  readonly eosId: number;
  /** Minimum counts per order. */
  readonly minCounts: readonly number[];
  /** Whether sentences are scored independently (see {@link KneserNeyOptions.sentenceBoundaries}). */
  readonly sentenceBoundaries: boolean;
  /** Discounts per order (index 0 = unigrams). */
  readonly discounts: readonly KneserNeyDiscounts[];
  /** Number of stored n-gram probabilities per order (index 0 = unigrams). */
  readonly ngramCounts: readonly number[];

  private readonly bos: number;
  private readonly unigram: Float64Array;
  /** probs[k]: explicit P(w | context of length k), keyed by context+word (k ≥ 1). */
  private readonly probs: Map<string, number>[];
  /** bows[k]: back-off weight of contexts of length k (k ≥ 1). */
  private readonly bows: Map<string, number>[];
  private readonly trainingTokens: Int32Array;

  private constructor(tokens: Int32Array, vocabSize: number, options: KneserNeyOptions) {
    const V = checkInteger('vocabSize', vocabSize, 1);
    checkTokens('tokens', tokens, V);
    const N = checkInteger('options.order', options.order ?? 5, 1, 9);
    this.vocabSize = V;
    this.order = N;
    this.eosId = checkInteger('options.eosId', options.eosId ?? 0, 0, V - 1);
    const minCounts = options.minCounts ?? [];
    if (!Array.isArray(minCounts)) throw new RnnlmError('options.minCounts', minCounts, 'an array of integers >= 1');
    this.minCounts = Array.from({ length: N }, (_, k) => checkInteger(`options.minCounts[${k}]`, minCounts[k] ?? 1, 1));
    if (options.sentenceBoundaries !== undefined && typeof options.sentenceBoundaries !== 'boolean') {
      throw new RnnlmError('options.sentenceBoundaries', options.sentenceBoundaries, 'a boolean');
    }
    this.sentenceBoundaries = options.sentenceBoundaries ?? true;
    this.bos = V;
    this.trainingTokens = tokens;

    // 1. Raw n-gram counts, sentence by sentence, each sentence padded with <s>.
    const counts: Map<string, number>[] = Array.from({ length: N + 1 }, () => new Map<string, number>());
    const sentenceKeys: string[] = [keyOf(this.bos)];
    const flush = (): void => {
      for (let p = 1; p < sentenceKeys.length; p++) {
        let key = sentenceKeys[p];
        for (let n = 1; n <= N && p - n + 1 >= 0; n++) {
          if (n > 1) key = sentenceKeys[p - n + 1] + key;
          const m = counts[n];
          m.set(key, (m.get(key) ?? 0) + 1);
        }
      }
      sentenceKeys.length = 1;
    };
    for (let i = 0; i < tokens.length; i++) {
      sentenceKeys.push(keyOf(tokens[i]));
      if (tokens[i] === this.eosId && this.sentenceBoundaries) flush();
    }
    if (sentenceKeys.length > 1) flush();

    // 2. Kneser-Ney continuation counts for orders below N (n-grams starting with <s> keep raw counts).
    const bosKey = keyOf(this.bos);
    for (let n = N - 1; n >= 1; n--) {
      const cont = new Map<string, number>();
      for (const key of counts[n + 1].keys()) {
        const suffix = key.slice(2);
        if (suffix.startsWith(bosKey)) continue;
        cont.set(suffix, (cont.get(suffix) ?? 0) + 1);
      }
      for (const key of counts[n].keys()) {
        if (!key.startsWith(bosKey)) counts[n].set(key, cont.get(key) ?? 0);
      }
    }

    // 3. Discounts per order from count-of-counts of the (modified) counts.
    this.discounts = counts.slice(1).map((m) => estimateDiscounts(m));

    // 4. Interpolated estimates, order by order, with back-off weights.
    this.unigram = new Float64Array(V);
    this.probs = Array.from({ length: N }, () => new Map<string, number>());
    this.bows = Array.from({ length: N }, () => new Map<string, number>());
    this.estimateUnigrams(counts[1]);
    for (let n = 2; n <= N; n++) this.estimateOrder(n, counts[n]);
    this.ngramCounts = [V, ...this.probs.slice(1).map((m) => m.size)];
  }

  /**
   * Estimates the model from a token stream (sentences end with `eosId`).
   *
   * @param tokens training token ids.
   * @param vocabSize V; every id is < V.
   *
   * @example
   * ```ts
   * const kn = KneserNeyLm.train(Int32Array.of(1, 2, 0, 1, 3, 0), 4, { order: 3 });
   * kn.probability(2, Int32Array.of(1)); // P(2 | <s> 1)
   * ```
   */
  static train(tokens: Int32Array, vocabSize: number, options: KneserNeyOptions = {}): KneserNeyLm {
    return new KneserNeyLm(tokens, vocabSize, options);
  }

  /**
   * P(word | context), where `context` holds the preceding words of the same sentence (most recent
   * last; the sentence start `<s>` is implied; anything before the last `eosId` is ignored).
   */
  probability(word: number, context: ArrayLike<number>): number {
    checkInteger('word', word, 0, this.vocabSize - 1);
    const keys = this.contextKeys(context);
    return this.query(word, keys, this.order);
  }

  /**
   * P(tokens[i] | preceding tokens of its sentence) for a whole stream.
   *
   * @example
   * ```ts
   * const p = kn.tokenProbabilities(test); // Float64Array(test.length)
   * ```
   */
  tokenProbabilities(tokens: Int32Array): Float64Array {
    checkTokens('tokens', tokens, this.vocabSize);
    const out = new Float64Array(tokens.length);
    const bosKey = keyOf(this.bos);
    const keys: string[] = [bosKey];
    for (let t = 0; t < tokens.length; t++) {
      const w = tokens[t];
      out[t] = this.query(w, keys, this.order);
      if (w === this.eosId && this.sentenceBoundaries) {
        keys.length = 0;
        keys.push(bosKey);
      } else {
        keys.push(keyOf(w));
        if (keys.length > this.order) keys.shift();
      }
    }
    return out;
  }

  /** Total natural-log probability of a stream. */
  logProbability(tokens: Int32Array): number {
    const p = this.tokenProbabilities(tokens);
    let s = 0;
    for (let i = 0; i < p.length; i++) s += Math.log(p[i]);
    return s;
  }

  /** Perplexity over all tokens (end-of-sentence included). */
  perplexity(tokens: Int32Array): number {
    if (tokens.length === 0) throw new RnnlmError('tokens', tokens, 'at least one token');
    return perplexityOf(this.tokenProbabilities(tokens));
  }

  /** The full next-word distribution over the V words after `history` (sums to 1). */
  nextDistribution(history: Int32Array): Float64Array {
    checkTokens('history', history, this.vocabSize);
    const keys = this.contextKeys(history);
    const out = new Float64Array(this.vocabSize);
    for (let w = 0; w < this.vocabSize; w++) out[w] = this.query(w, keys, this.order);
    return out;
  }

  /** Samples `length` tokens continuing `options.history`. */
  sample(length: number, options: KneserNeySampleOptions = {}): Int32Array {
    checkInteger('length', length, 0);
    const rng = new SeededRandom(options.seed ?? 1);
    const history = Array.from(options.history ?? []);
    const out = new Int32Array(length);
    for (let t = 0; t < length; t++) {
      const w = rng.categorical(this.nextDistribution(Int32Array.from(history.slice(-this.order))));
      out[t] = w;
      history.push(w);
    }
    return out;
  }

  /** The JSON form: training tokens (base64) and options. */
  toJSON(): SerializedKneserNeyLm {
    return {
      format: 'dlkit-kneser-ney',
      version: 1,
      vocabSize: this.vocabSize,
      order: this.order,
      eosId: this.eosId,
      minCounts: [...this.minCounts],
      sentenceBoundaries: this.sentenceBoundaries,
      tokenCount: this.trainingTokens.length,
      tokens: encodeArray(this.trainingTokens),
    };
  }

  /** Rebuilds (re-estimates) a model from {@link KneserNeyLm.toJSON}'s output. */
  static fromJSON(json: SerializedKneserNeyLm): KneserNeyLm {
    if (json === null || typeof json !== 'object' || json.format !== 'dlkit-kneser-ney') {
      throw new RnnlmError('format', json?.format, "'dlkit-kneser-ney'");
    }
    if (json.version !== 1) throw new RnnlmError('version', json.version, '1');
    const n = checkInteger('tokenCount', json.tokenCount, 0);
    const tokens = decodeInt32(json.tokens, n);
    if (!tokens) throw new RnnlmError('tokens', 'malformed data', `base64 of ${n} int32`);
    // Every option is required in a file (the constructor's defaults would hide a damaged field).
    const order = checkInteger('options.order', json.order, 1, 9);
    if (!Array.isArray(json.minCounts) || json.minCounts.length !== order) {
      throw new RnnlmError('options.minCounts', json.minCounts, `an array of ${order} integers >= 1`);
    }
    if (typeof json.sentenceBoundaries !== 'boolean')
      throw new RnnlmError('options.sentenceBoundaries', json.sentenceBoundaries, 'a boolean');
    return new KneserNeyLm(tokens, json.vocabSize, {
      order,
      eosId: checkInteger('options.eosId', json.eosId, 0),
      minCounts: json.minCounts,
      sentenceBoundaries: json.sentenceBoundaries,
    });
  }

  private contextKeys(context: ArrayLike<number>): string[] {
    let start = 0;
    if (this.sentenceBoundaries) {
      for (let i = 0; i < context.length; i++) if (context[i] === this.eosId) start = i + 1;
    }
    const keys = [keyOf(this.bos)];
    for (let i = Math.max(start, context.length - this.order); i < context.length; i++) {
      const w = context[i];
      if (!Number.isInteger(w) || w < 0 || w >= this.vocabSize) {
        throw new RnnlmError(`context[${i}]`, w, `a token id in [0, ${this.vocabSize})`);
      }
      keys.push(keyOf(w));
    }
    if (keys.length > this.order) keys.splice(0, keys.length - (this.order - 1));
    return keys;
  }

  /** Back-off query using orders below `maxOrder + 1`; `keys` = context (most recent last). */
  private query(word: number, keys: readonly string[], maxOrder: number): number {
    let p = this.unigram[word];
    const wk = keyOf(word);
    let ctx = '';
    const maxLen = Math.min(keys.length, maxOrder - 1);
    for (let k = 1; k <= maxLen; k++) {
      ctx = keys[keys.length - k] + ctx;
      const q = this.probs[k].get(ctx + wk);
      if (q !== undefined) p = q;
      else {
        const b = this.bows[k].get(ctx);
        if (b !== undefined) p *= b;
      }
    }
    return p;
  }

  private estimateUnigrams(counts: Map<string, number>): void {
    const V = this.vocabSize;
    const { d1, d2, d3 } = this.discounts[0];
    const min = this.minCounts[0];
    let total = 0;
    let n1 = 0;
    let n2 = 0;
    let n3 = 0;
    const c = new Float64Array(V);
    for (const [key, count] of counts) {
      const w = key.charCodeAt(0) | (key.charCodeAt(1) << 16);
      if (w === this.bos) continue;
      c[w] = count;
      total += count;
      if (count === 1) n1++;
      else if (count === 2) n2++;
      else n3++;
    }
    if (total === 0) {
      this.unigram.fill(1 / V);
      return;
    }
    const gamma = (d1 * n1 + d2 * n2 + d3 * n3) / total;
    let mass = 0;
    let zero = 0;
    for (let w = 0; w < V; w++) {
      const k = c[w];
      if (k >= min) {
        const d = k === 1 ? d1 : k === 2 ? d2 : d3;
        this.unigram[w] = (k - d) / total + gamma / V;
        mass += this.unigram[w];
      } else zero++;
    }
    // Left-over mass goes uniformly to words without a probability (or to all, as SRILM does).
    const left = Math.max(0, 1 - mass);
    for (let w = 0; w < V; w++) {
      if (zero > 0) {
        if (c[w] < min) this.unigram[w] = left / zero;
      } else this.unigram[w] += left / V;
    }
  }

  private estimateOrder(n: number, counts: Map<string, number>): void {
    const { d1, d2, d3 } = this.discounts[n - 1];
    const min = this.minCounts[n - 1];
    const ctxLen = 2 * (n - 1);
    const stats = new Map<string, { total: number; n1: number; n2: number; n3: number; sumP: number; sumLow: number }>();
    for (const [key, count] of counts) {
      const ctx = key.slice(0, ctxLen);
      let s = stats.get(ctx);
      if (!s) stats.set(ctx, (s = { total: 0, n1: 0, n2: 0, n3: 0, sumP: 0, sumLow: 0 }));
      s.total += count;
      if (count === 1) s.n1++;
      else if (count === 2) s.n2++;
      else s.n3++;
    }
    const probs = this.probs[n - 1];
    const ctxKeys: string[] = new Array(n - 1);
    for (const [key, count] of counts) {
      if (count < min) continue;
      const ctx = key.slice(0, ctxLen);
      const s = stats.get(ctx)!;
      const word = key.charCodeAt(ctxLen) | (key.charCodeAt(ctxLen + 1) << 16);
      for (let i = 0; i < n - 1; i++) ctxKeys[i] = key.slice(2 * i, 2 * i + 2);
      const low = this.query(word, ctxKeys.slice(1), n - 1);
      const gamma = (d1 * s.n1 + d2 * s.n2 + d3 * s.n3) / s.total;
      const d = count === 1 ? d1 : count === 2 ? d2 : d3;
      const p = (count - d) / s.total + gamma * low;
      probs.set(key, p);
      s.sumP += p;
      s.sumLow += low;
    }
    const bows = this.bows[n - 1];
    for (const [ctx, s] of stats) {
      if (s.sumP === 0) continue; // no explicit probabilities: back-off weight 1
      let num = 1 - s.sumP;
      let den = 1 - s.sumLow;
      if (num < 0 && num > -1e-12) num = 0;
      if (den < 0 && den > -1e-12) den = 0;
      if (den <= 0) {
        // The lower order has no mass left: rescale this context's probabilities to sum to 1.
        if (num > 0) {
          const scale = 1 / (1 - num);
          for (const [key, p] of probs) if (key.startsWith(ctx) && key.length === ctxLen + 2) probs.set(key, p * scale);
        }
        bows.set(ctx, 0);
      } else bows.set(ctx, Math.max(0, num) / den);
    }
  }
}

/** KenLM's `--discount_fallback` defaults for D1, D2, D3+. */
const FALLBACK_DISCOUNTS = [0.5, 1, 1.5] as const;

function estimateDiscounts(counts: Map<string, number>): KneserNeyDiscounts {
  let n1 = 0;
  let n2 = 0;
  let n3 = 0;
  let n4 = 0;
  let nMore = 0;
  for (const c of counts.values()) {
    if (c === 1) n1++;
    else if (c === 2) n2++;
    else if (c === 3) n3++;
    else if (c === 4) n4++;
    if (c >= 3) nMore++;
  }
  // Chen & Goodman: Y = n1 / (n1 + 2 n2), D_k = k − (k + 1) Y n_{k+1} / n_k. On small or repetitive corpora a
  // count-of-counts can be zero or skewed, giving an estimate outside (0, k]; a zero discount leaves a context no
  // back-off mass, so a word unseen there gets probability 0. When a discount that some n-gram uses is out of
  // range, the whole order takes KenLM's `--discount_fallback` values (0.5, 1, 1.5), as lmplz does; a discount
  // no n-gram uses (its count class is empty) takes its fallback value, which changes nothing.
  const y = n1 / (n1 + 2 * n2);
  const raw = [1 - 2 * y * (n2 / n1), 2 - 3 * y * (n3 / n2), 3 - 4 * y * (n4 / n3)];
  const used = [n1 > 0, n2 > 0, nMore > 0];
  const valid = raw.every((d, i) => !used[i] || (Number.isFinite(d) && d > 0 && d <= i + 1));
  const [d1, d2, d3] = raw.map((d, i) => (valid && used[i] ? d : FALLBACK_DISCOUNTS[i]));
  return { d1: d1 as number, d2: d2 as number, d3: d3 as number, countOfCounts: [n1, n2, n3, n4] };
}
