import { decodeFloat64, decodeInt32, encodeArray } from './base64';
import { RnnlmError, checkFinite, checkInteger, checkNumber, checkTokens } from './errors';
import { DirectConnections, MAX_DIRECT_ORDER, MAX_DIRECT_SIZE, MAX_DIRECT_VOCAB } from './direct-connections';
import { buildFrequencyClasses, checkFrequencyClasses, type FrequencyClasses } from './frequency-classes';
import { createKernels, wasmAvailable, type KernelEngine, type Kernels } from './kernels';
import { perplexityOf } from './perplexity';
import { SeededRandom } from '@dlkit/core';

/** Options of the {@link RnnLm} constructor. */
export interface RnnLmOptions {
  /** Vocabulary size V (token ids are 0 … V−1). */
  readonly vocabSize: number;
  /** Hidden layer size H — the only choice the model really needs. */
  readonly hiddenSize: number;
  /**
   * Output classes: a number C (built from `counts` with {@link buildFrequencyClasses}), or ready-made
   * classes. Default: min(100, V).
   */
  readonly classes?: number | FrequencyClasses;
  /** Training word counts, used to build frequency classes (default: all ones). */
  readonly counts?: Uint32Array;
  /** The end-of-sentence id; it is also the input word before the first token (default 0). */
  readonly eosId?: number;
  /** Seed of the weight initialisation (default 1). */
  readonly seed?: number;
  /** Initial hidden activation s(0) (default 0.1, as in the paper). */
  readonly initialState?: number;
  /** Standard deviation σ of the weight initialisation (default 0.1, as in the paper). */
  readonly initStd?: number;
  /**
   * Shape of the initial weight distribution, both with mean 0 and standard deviation `initStd`:
   * `'rnnlm'` (default) draws each weight as the sum of three uniform draws from [−σ, σ], exactly as
   * rnnlm-0.4b's `initNet` does (`random(-0.1,0.1)` three times); `'normal'` draws N(0, σ²).
   */
  readonly initialization?: 'rnnlm' | 'normal';
  /**
   * Engine of the inner loops: `'auto'` (default) uses WebAssembly SIMD when available, else plain
   * JavaScript; both compute the same float64 arithmetic (up to summation order).
   */
  readonly engine?: KernelEngine;
  /**
   * Direct n-gram connections (the maximum-entropy part of Mikolov's RNNME, rnnlm-0.4b's `-direct`):
   * the size D of the hash table of n-gram feature weights, shared by history → class and history → word
   * features (default 0 = none). rnnlm's `-direct 2` is 2,000,000. Must be at least 2·C, at most 2²⁸.
   */
  readonly directSize?: number;
  /**
   * Order K of the direct connections (rnnlm's `-direct-order`, default 3): features of the last
   * 0 … K−1 words (a bias, the previous word, the two previous words, …). At most 20.
   */
  readonly directOrder?: number;
}

/** Options of {@link RnnLm.learn}: one pass of SGD with truncated BPTT. */
export interface RnnLearnOptions {
  /** Learning rate α (rnnlm's default 0.1). */
  readonly alpha: number;
  /**
   * L2 regularisation β (default 1e-7, rnnlm's default): on every `regularizeEvery`-th token the
   * weights being updated also shrink, w ← w + αg − αβw.
   */
  readonly beta?: number;
  /**
   * Apply the β decay only on every n-th token of the pass (default 10: rnnlm-0.4b regularises
   * "every 10. step", counting tokens from 1 in every pass).
   */
  readonly regularizeEvery?: number;
  /**
   * BPTT depth, with the meaning of rnnlm-0.4b's `-bptt N` (default 4): every block unrolls
   * `bptt + bpttBlock − 1` steps, so the error of the oldest word of a block still passes through
   * `bptt` time steps (rnnlm stores N + 1 internally and unrolls `(N + 1) + block − 2` steps).
   */
  readonly bptt?: number;
  /**
   * Block size: the recurrent and input weights are updated every `bpttBlock` tokens, unrolling
   * `bptt + bpttBlock − 1` steps, at most 128 (rnnlm-0.4b's `-bptt-block`, default 10).
   */
  readonly bpttBlock?: number;
  /**
   * Gradient clipping (default 15): as in rnnlm-0.4b, the error arriving at the hidden layer (from
   * the output layer, and from the next time step through the recurrent weights) is clipped to
   * [−c, c] before the sigmoid derivative is applied.
   */
  readonly gradientCutoff?: number;
  /** When given, `probabilities[i]` receives P(tokens[i] | history) computed before the update. */
  readonly probabilities?: Float64Array;
  /**
   * Dropout on the hidden layer's way to the output layer (default 0 = none, as rnnlm-0.4b): while
   * learning, each hidden unit is dropped from the class and word softmaxes with this probability and
   * the kept ones are scaled by 1 / (1 − p) ("inverted" dropout, so scoring needs no change). The
   * recurrent connection always sees the whole state, as in Zaremba et al. (2014). In [0, 1).
   */
  readonly dropout?: number;
  /**
   * Seed of the dropout masks (default 1): unit j of token t is dropped when the (t·H + j)-th draw of
   * `SeededRandom(seed)` is below `dropout`.
   */
  readonly seed?: number;
}

/** Options of {@link RnnLm.sample}. */
export interface RnnSampleOptions {
  /** Seed of the sampler (default 1). */
  readonly seed?: number;
  /** Tokens to condition on before sampling (default: none, start of text). */
  readonly history?: Int32Array;
}

/** The JSON form of an {@link RnnLm} (weights as base64 little-endian float64). */
export interface SerializedRnnLm {
  readonly format: 'dlkit-rnnlm';
  readonly version: 1;
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly eosId: number;
  readonly initialState: number;
  readonly classCount: number;
  readonly classOf: string;
  readonly wordAt: string;
  readonly classStart: string;
  readonly inputWeights: string;
  readonly recurrentWeights: string;
  readonly classWeights: string;
  readonly outputWeights: string;
  /** Hash size D of the direct connections (absent or 0: none). */
  readonly directSize?: number;
  /** Order of the direct connections. */
  readonly directOrder?: number;
  /** The D direct-connection weights (base64 float64), when directSize > 0. */
  readonly directWeights?: string;
}

/**
 * Mikolov's recurrent neural network language model (Elman network):
 * x(t) = w(t) + s(t−1), s(t) = sigmoid(U·w(t) + W·s(t−1)), and a class-factorised softmax
 * y = P(c | s) · P(w | c, s), so one step costs O(H·(H + C + |class|)) instead of O(H·V).
 *
 * Weights are Float64Array, row-major: `inputWeights` V×H (row = input word),
 * `recurrentWeights` H×H (row = receiving unit), `classWeights` C×H, `outputWeights` V×H
 * (row = output position, see {@link FrequencyClasses}). Token streams are Int32Array; the
 * hidden state runs on across sentences, and the input before the first token is `eosId`.
 *
 * Reference: T. Mikolov, M. Karafiát, L. Burget, J. Černocký, S. Khudanpur,
 * "Recurrent neural network based language model", Interspeech 2010; and rnnlm-0.4b.
 *
 * @example
 * ```ts
 * const lm = new RnnLm({ vocabSize: vocab.size, hiddenSize: 100, classes: 100, counts: vocab.counts, seed: 1 });
 * const report = trainRnnLm(lm, train, valid, { alpha: 0.1 });
 * lm.perplexity(test); // e.g. 220
 * ```
 */
export class RnnLm {
  /** Vocabulary size V. */
  readonly vocabSize: number;
  /** Hidden size H. */
  readonly hiddenSize: number;
  /** The end-of-sentence id (input before the first token). */
  readonly eosId: number;
  /** Initial hidden activation s(0). */
  readonly initialState: number;
  /** Frequency classes of the output layer. */
  readonly classes: FrequencyClasses;
  /** U: V×H input weights (row = input word). */
  readonly inputWeights: Float64Array;
  /** W: H×H recurrent weights (row = receiving hidden unit). */
  readonly recurrentWeights: Float64Array;
  /** C×H class weights. */
  readonly classWeights: Float64Array;
  /** V×H output word weights (row = output position). */
  readonly outputWeights: Float64Array;
  /** Which engine runs the inner loops: `'wasm'` (WebAssembly SIMD) or `'js'`. */
  readonly engine: 'wasm' | 'js';
  /** Hash size D of the direct n-gram connections (0: none). */
  readonly directSize: number;
  /** Order K of the direct n-gram connections (0 when there are none). */
  readonly directOrder: number;
  /**
   * The D direct-connection weights (rnnlm's `syn_d`, zero at start): history → class features in the
   * first half, history → word-within-class features in the second. Empty without direct connections.
   */
  readonly directWeights: Float64Array;

  private readonly direct: DirectConnections | null;

  private readonly k: Kernels;
  private readonly mem: Float64Array;
  private readonly maxClass: number;
  // Offsets (in float64 elements) of the weights and the scratch vectors in the kernels' memory.
  private readonly oU: number;
  private readonly oW: number;
  private readonly oC: number;
  private readonly oY: number;
  private readonly oDs: number;
  private readonly oSPs: number;
  private readonly oS0: number;
  private readonly oS1: number;
  private readonly oA: number;
  private readonly oE: number;
  private readonly oEh: number;
  private readonly oEp: number;
  private readonly oPc: number;
  private readonly oPw: number;
  private readonly oG: number;
  private readonly oSd: number;
  private readonly oM: number;

  constructor(options: RnnLmOptions) {
    if (options === null || typeof options !== 'object') {
      throw new RnnlmError('options', options, 'an object with vocabSize and hiddenSize');
    }
    const V = checkInteger('vocabSize', options.vocabSize, 2);
    const H = checkInteger('hiddenSize', options.hiddenSize, 1);
    this.vocabSize = V;
    this.hiddenSize = H;
    this.eosId = checkInteger('eosId', options.eosId ?? 0, 0, V - 1);
    this.initialState = checkNumber('initialState', options.initialState ?? 0.1, -1e6, 1e6);
    const std = checkNumber('initStd', options.initStd ?? 0.1, 0);
    const engine = options.engine ?? 'auto';
    if (engine !== 'auto' && engine !== 'wasm' && engine !== 'js') {
      throw new RnnlmError('engine', engine, "'auto', 'wasm' or 'js'");
    }
    const classes = options.classes ?? Math.min(100, V);
    if (typeof classes === 'number') {
      const counts = options.counts ?? new Uint32Array(V).fill(1);
      if (!(counts instanceof Uint32Array) || counts.length !== V) {
        throw new RnnlmError('counts', counts, `a Uint32Array of ${V} word counts`);
      }
      this.classes = buildFrequencyClasses(counts, classes);
    } else {
      checkFrequencyClasses('classes', classes, V);
      this.classes = classes;
    }
    const C = this.classes.count;
    const D = checkInteger('directSize', options.directSize ?? 0, 0, MAX_DIRECT_SIZE);
    if (D > 0) {
      if (D < 2 * C) throw new RnnlmError('directSize', D, `0 or at least 2·classes = ${2 * C}`);
      if (V > MAX_DIRECT_VOCAB) throw new RnnlmError('vocabSize', V, `at most ${MAX_DIRECT_VOCAB} with direct connections`);
      const K = checkInteger('directOrder', options.directOrder ?? 3, 1, MAX_DIRECT_ORDER);
      this.direct = new DirectConnections(D, K);
      this.directSize = D;
      this.directOrder = K;
      this.directWeights = this.direct.weights;
    } else {
      if (options.directOrder !== undefined) checkInteger('directOrder', options.directOrder, 1, MAX_DIRECT_ORDER);
      this.direct = null;
      this.directSize = 0;
      this.directOrder = 0;
      this.directWeights = new Float64Array(0);
    }
    let maxClass = 0;
    for (let c = 0; c < C; c++) maxClass = Math.max(maxClass, this.classes.classStart[c + 1] - this.classes.classStart[c]);
    this.maxClass = maxClass;

    // Memory layout: weights, the recurrent gradient, then small scratch vectors (2-aligned for SIMD).
    let top = 0;
    const take = (n: number): number => {
      const at = top;
      top += n + (n & 1);
      return at;
    };
    this.oU = take(V * H);
    this.oW = take(H * H);
    this.oC = take(C * H);
    this.oY = take(V * H);
    this.oDs = take(MAX_UNROLL * H);
    this.oSPs = take(MAX_UNROLL * H);
    this.oS0 = take(H);
    this.oS1 = take(H);
    this.oA = take(H);
    this.oE = take(H);
    this.oEh = take(H);
    this.oEp = take(H);
    this.oPc = take(C);
    this.oPw = take(maxClass);
    this.oG = take(Math.max(C, maxClass));
    this.oSd = take(H);
    this.oM = take(H);
    if (engine === 'wasm' && !wasmAvailable()) {
      throw new RnnlmError('engine', engine, "'auto' or 'js' (WebAssembly SIMD is not available here)");
    }
    this.k = createKernels(top, engine);
    this.engine = this.k.engine;
    this.mem = this.k.mem;
    this.inputWeights = this.mem.subarray(this.oU, this.oU + V * H);
    this.recurrentWeights = this.mem.subarray(this.oW, this.oW + H * H);
    this.classWeights = this.mem.subarray(this.oC, this.oC + C * H);
    this.outputWeights = this.mem.subarray(this.oY, this.oY + V * H);

    const initialization = options.initialization ?? 'rnnlm';
    if (initialization !== 'rnnlm' && initialization !== 'normal') {
      throw new RnnlmError('initialization', initialization, "'rnnlm' or 'normal'");
    }
    const rng = new SeededRandom(options.seed ?? 1);
    for (const a of [this.inputWeights, this.recurrentWeights, this.classWeights, this.outputWeights]) {
      if (initialization === 'normal') {
        for (let i = 0; i < a.length; i++) a[i] = rng.normal(0, std);
      } else {
        // Σ of three U(−σ, σ): variance 3·σ²/3 = σ², a bell shape on [−3σ, 3σ].
        for (let i = 0; i < a.length; i++) a[i] = std * (2 * (rng.uniform() + rng.uniform() + rng.uniform()) - 3);
      }
    }
  }

  /** Number of trainable weights. */
  get parameterCount(): number {
    return (
      this.inputWeights.length +
      this.recurrentWeights.length +
      this.classWeights.length +
      this.outputWeights.length +
      this.directSize
    );
  }

  /**
   * P(tokens[i] | tokens[0..i)) for every token, starting from s(0) with input `eosId`.
   *
   * @example
   * ```ts
   * const p = lm.tokenProbabilities(test); // Float64Array(test.length)
   * ```
   */
  tokenProbabilities(tokens: Int32Array): Float64Array {
    checkTokens('tokens', tokens, this.vocabSize);
    const { classOf, position, classStart } = this.classes;
    const mem = this.mem;
    const out = new Float64Array(tokens.length);
    let sPrev = this.oS0;
    let s = this.oS1;
    mem.fill(this.initialState, sPrev, sPrev + this.hiddenSize);
    const direct = this.direct;
    direct?.reset(this.eosId);
    let x = this.eosId;
    for (let t = 0; t < tokens.length; t++) {
      const y = tokens[t];
      this.hidden(x, sPrev, s);
      this.classSoftmax(s);
      const c = classOf[y];
      const a = classStart[c];
      this.wordSoftmax(s, c);
      out[t] = mem[this.oPc + c] * mem[this.oPw + position[y] - a];
      direct?.push(y);
      x = y;
      const tmp = sPrev;
      sPrev = s;
      s = tmp;
    }
    return out;
  }

  /** Total natural-log probability Σ ln P(tokens[i] | history). */
  logProbability(tokens: Int32Array): number {
    const p = this.tokenProbabilities(tokens);
    let sum = 0;
    for (let i = 0; i < p.length; i++) sum += Math.log(p[i]);
    return sum;
  }

  /** Perplexity exp(−(1/N) Σ ln P) over all tokens (end-of-sentence tokens included). */
  perplexity(tokens: Int32Array): number {
    if (tokens.length === 0) throw new RnnlmError('tokens', tokens, 'at least one token');
    return perplexityOf(this.tokenProbabilities(tokens));
  }

  /**
   * The full next-word distribution P(· | history) over the V words (sums to 1).
   *
   * @example
   * ```ts
   * const p = lm.nextDistribution(Int32Array.of(3, 7)); // Float64Array(V)
   * ```
   */
  nextDistribution(history: Int32Array): Float64Array {
    checkTokens('history', history, this.vocabSize);
    const s = this.stateAfter(history);
    const { classStart, wordAt, count: C } = this.classes;
    const mem = this.mem;
    this.classSoftmax(s);
    const out = new Float64Array(this.vocabSize);
    for (let c = 0; c < C; c++) {
      const a = classStart[c];
      const b = classStart[c + 1];
      this.wordSoftmax(s, c);
      const pc = mem[this.oPc + c];
      for (let p = a; p < b; p++) out[wordAt[p]] = pc * mem[this.oPw + p - a];
    }
    return out;
  }

  /**
   * Samples `length` tokens, continuing `options.history` (or the start of a text).
   *
   * @example
   * ```ts
   * const ids = lm.sample(20, { seed: 7 });
   * ```
   */
  sample(length: number, options: RnnSampleOptions = {}): Int32Array {
    checkInteger('length', length, 0);
    const history = options.history ?? new Int32Array(0);
    checkTokens('options.history', history, this.vocabSize);
    const rng = new SeededRandom(options.seed ?? 1);
    const { classStart, wordAt, count: C } = this.classes;
    const mem = this.mem;
    let s = this.stateAfter(history);
    let other = s === this.oS0 ? this.oS1 : this.oS0;
    const pc = new Float64Array(C);
    const pw = new Float64Array(this.maxClass);
    const out = new Int32Array(length);
    let x = this.eosId;
    for (let t = 0; t < length; t++) {
      if (t > 0) {
        this.hidden(x, s, other);
        const tmp = s;
        s = other;
        other = tmp;
      }
      this.classSoftmax(s);
      pc.set(mem.subarray(this.oPc, this.oPc + C));
      const c = rng.categorical(pc, C);
      const a = classStart[c];
      const n = classStart[c + 1] - a;
      this.wordSoftmax(s, c);
      pw.set(mem.subarray(this.oPw, this.oPw + n));
      x = wordAt[a + rng.categorical(pw, n)];
      out[t] = x;
      this.direct?.push(x);
    }
    return out;
  }

  /**
   * One pass of stochastic gradient descent over `tokens` with truncated back-propagation
   * through time and block updates, exactly as rnnlm-0.4b trains: the output layer is updated
   * after every token, the input and recurrent weights every `bpttBlock` tokens by unrolling
   * `bptt + bpttBlock − 1` steps (rnnlm's `-bptt N` is stored as N + 1 and unrolls N + 1 + block − 2).
   * Hidden errors are clipped, and L2 decay applied on every 10th token, as rnnlm does. One deliberate
   * difference: the last, partial block of the pass is applied too (rnnlm drops it), so short texts learn.
   * Returns Σ ln P(token | history) computed before each update.
   * Also used for dynamic evaluation (keep learning on test text).
   *
   * @example
   * ```ts
   * const logProb = lm.learn(train, { alpha: 0.1, bptt: 4, bpttBlock: 10 });
   * ```
   */
  learn(tokens: Int32Array, options: RnnLearnOptions): number {
    checkTokens('tokens', tokens, this.vocabSize);
    const alpha = checkNumber('alpha', options.alpha, 0);
    const beta = checkNumber('beta', options.beta ?? 1e-7, 0);
    const regEvery = checkInteger('regularizeEvery', options.regularizeEvery ?? 10, 1);
    const bptt = checkInteger('bptt', options.bptt ?? 4, 1);
    const block = checkInteger('bpttBlock', options.bpttBlock ?? 10, 1);
    const cutoff = checkNumber('gradientCutoff', options.gradientCutoff ?? 15, 0);
    const dropout = checkNumber('dropout', options.dropout ?? 0, 0, 1);
    if (dropout >= 1) throw new RnnlmError('dropout', dropout, 'a probability in [0, 1)');
    const dropping = dropout > 0;
    const masks = new SeededRandom(checkInteger('seed', options.seed ?? 1, 0));
    const keepScale = 1 / (1 - dropout);
    const probs = options.probabilities;
    if (probs !== undefined && (!(probs instanceof Float64Array) || probs.length < tokens.length)) {
      throw new RnnlmError('probabilities', probs, `a Float64Array of at least ${tokens.length} entries`);
    }
    const H = this.hiddenSize;
    const { classOf, position, classStart, count: C } = this.classes;
    const k = this.k;
    const mem = this.mem;
    const U = this.oU;
    const decay = 1 - alpha * beta;
    const { oE, oEh, oEp, oDs, oSPs, oPc, oPw, oG, oSd, oM } = this;

    // Unrolled steps per block. rnnlm-0.4b parses `-bptt N` as N + 1 and unrolls (N + 1) + block − 2,
    // so `bptt: 4` here must unroll 4 + block − 1 steps to train the same model as `-bptt 4`.
    const L = bptt + block - 1;
    if (L > MAX_UNROLL) throw new RnnlmError('bptt + bpttBlock − 1', L, `at most ${MAX_UNROLL} unrolled steps`);
    const R = L + 1; // ring slots: states s(t−L−1) … s(t)
    const states = new Float64Array(R * H);
    const errors = new Float64Array(R * H);
    const inputs = new Int32Array(R);

    // Time index kk = t + 1 (rnnlm's per-pass `counter`); kk = 0 holds the initial state.
    states.fill(this.initialState, 0, H);
    let sPrev = this.oS0;
    let s = this.oS1;
    mem.fill(this.initialState, sPrev, sPrev + H);
    const direct = this.direct;
    const beta3 = alpha * beta; // rnnlm's beta3: the direct weights decay on every token
    direct?.reset(this.eosId);
    let x = this.eosId;
    let logProb = 0;
    let sinceUpdate = 0;
    for (let t = 0; t < tokens.length; t++) {
      const kk = t + 1;
      const keep = kk % regEvery === 0 ? decay : 1;
      const slot = kk % R;
      this.hidden(x, sPrev, s);
      copy(mem, s, states, slot * H, H);
      inputs[slot] = x;

      // Output: P(class) · P(word | class), then errors and the output-layer SGD step.
      const y = tokens[t];
      const c = classOf[y];
      const a = classStart[c];
      const n = classStart[c + 1] - a;
      // What the output layer sees: the state, or its dropped-out copy.
      let so = s;
      if (dropping) {
        for (let j = 0; j < H; j++) {
          const m = masks.uniform() < dropout ? 0 : keepScale;
          mem[oM + j] = m;
          mem[oSd + j] = mem[s + j] * m;
        }
        so = oSd;
      }
      this.classSoftmax(so);
      this.wordSoftmax(so, c);
      const py = position[y] - a;
      const p = mem[oPc + c] * mem[oPw + py];
      logProb += Math.log(p);
      if (probs) probs[t] = p;
      // Error gradients of the log-likelihood at the softmax inputs: target − output.
      mem.fill(0, oE, oE + H);
      for (let i = 0; i < n; i++) mem[oG + i] = -mem[oPw + i];
      mem[oG + py] += 1;
      direct?.learnWords(mem, oG, c, n, alpha, beta3);
      k.outBack(this.oY, a, n, H, oG, so, oE, alpha, keep);
      // rnnlm clips after each softmax's share; with dropout the mask comes first, so clip once after it.
      if (!dropping) clip(mem, oE, H, cutoff);
      for (let i = 0; i < C; i++) mem[oG + i] = -mem[oPc + i];
      mem[oG + c] += 1;
      direct?.learnClasses(mem, oG, C, alpha, beta3);
      k.outBack(this.oC, 0, C, H, oG, so, oE, alpha, keep);
      if (dropping) for (let j = 0; j < H; j++) mem[oE + j] *= mem[oM + j];
      clip(mem, oE, H, cutoff);
      copy(mem, oE, errors, slot * H, H);
      direct?.push(y);
      x = y;
      const tmp = sPrev;
      sPrev = s;
      s = tmp;
      sinceUpdate++;

      if (sinceUpdate < block && t < tokens.length - 1) continue;
      // Truncated BPTT over the last K steps; errors of the last `sinceUpdate` steps are injected.
      const K = Math.min(L, kk);
      copy(errors, slot * H, mem, oEh, H);
      for (let step = 0; step < K; step++) {
        const ks = kk - step;
        const sOff = (ks % R) * H;
        const pOff = ((ks - 1) % R) * H;
        const uOff = U + inputs[ks % R] * H;
        const dOff = oDs + step * H;
        for (let j = 0; j < H; j++) {
          const sj = states[sOff + j];
          const g = mem[oEh + j] * sj * (1 - sj);
          mem[dOff + j] = g;
          mem[uOff + j] += alpha * g;
        }
        // Deltas and previous states are kept per step: W changes once, after the block (recGrad).
        copy(states, pOff, mem, oSPs + step * H, H);
        if (step + 1 === K) break; // the error sent further back would not be used
        mem.fill(0, oEp, oEp + H);
        k.recProp(this.oW, H, dOff, oEp);
        clip(mem, oEp, H, cutoff);
        if (step + 1 < sinceUpdate) {
          for (let j = 0; j < H; j++) mem[oEh + j] = mem[oEp + j] + errors[pOff + j];
        } else {
          mem.copyWithin(oEh, oEp, oEp + H);
        }
      }
      if (keep !== 1) {
        // rnnlm decays the input row of every unrolled step (a word seen twice decays twice).
        for (let step = 0; step < K; step++) {
          const uOff = U + inputs[(kk - step) % R] * H;
          for (let j = 0; j < H; j++) mem[uOff + j] *= keep;
        }
      }
      k.recGrad(this.oW, oDs, oSPs, H, K, keep, alpha);
      sinceUpdate = 0;
    }
    return logProb;
  }

  /** A deep copy (e.g. before dynamic evaluation, which changes the weights). */
  clone(): RnnLm {
    return RnnLm.fromJSON(this.toJSON(), { engine: this.engine });
  }

  /** Copies all weights from `other` (same shape), e.g. to restore the best epoch. */
  copyWeightsFrom(other: RnnLm): void {
    if (
      other.vocabSize !== this.vocabSize ||
      other.hiddenSize !== this.hiddenSize ||
      other.classes.count !== this.classes.count ||
      other.directSize !== this.directSize
    ) {
      throw new RnnlmError(
        'other',
        `RnnLm(V=${other.vocabSize}, H=${other.hiddenSize}, C=${other.classes.count}, D=${other.directSize})`,
        `RnnLm(V=${this.vocabSize}, H=${this.hiddenSize}, C=${this.classes.count}, D=${this.directSize})`,
      );
    }
    this.directWeights.set(other.directWeights);
    this.inputWeights.set(other.inputWeights);
    this.recurrentWeights.set(other.recurrentWeights);
    this.classWeights.set(other.classWeights);
    this.outputWeights.set(other.outputWeights);
  }

  /** The JSON form (weights as base64); see {@link RnnLm.fromJSON}. */
  toJSON(): SerializedRnnLm {
    return {
      format: 'dlkit-rnnlm',
      version: 1,
      vocabSize: this.vocabSize,
      hiddenSize: this.hiddenSize,
      eosId: this.eosId,
      initialState: this.initialState,
      classCount: this.classes.count,
      classOf: encodeArray(this.classes.classOf),
      wordAt: encodeArray(this.classes.wordAt),
      classStart: encodeArray(this.classes.classStart),
      inputWeights: encodeArray(this.inputWeights),
      recurrentWeights: encodeArray(this.recurrentWeights),
      classWeights: encodeArray(this.classWeights),
      outputWeights: encodeArray(this.outputWeights),
      ...(this.directSize > 0
        ? { directSize: this.directSize, directOrder: this.directOrder, directWeights: encodeArray(this.directWeights) }
        : {}),
    };
  }

  /**
   * Rebuilds a model from {@link RnnLm.toJSON}'s output, validating every field.
   *
   * @example
   * ```ts
   * const copy = RnnLm.fromJSON(JSON.parse(JSON.stringify(lm)));
   * ```
   */
  static fromJSON(json: SerializedRnnLm, options?: { engine?: KernelEngine }): RnnLm {
    if (json === null || typeof json !== 'object' || json.format !== 'dlkit-rnnlm') {
      throw new RnnlmError('format', json?.format, "'dlkit-rnnlm'");
    }
    if (json.version !== 1) throw new RnnlmError('version', json.version, '1');
    const V = checkInteger('vocabSize', json.vocabSize, 2);
    const H = checkInteger('hiddenSize', json.hiddenSize, 1);
    const C = checkInteger('classCount', json.classCount, 1, V);
    const need = <T>(field: string, value: T | null, what: string): T => {
      if (value === null) throw new RnnlmError(field, 'malformed data', what);
      return value;
    };
    const classOf = need('classOf', decodeInt32(json.classOf, V), `base64 of ${V} int32`);
    const wordAt = need('wordAt', decodeInt32(json.wordAt, V), `base64 of ${V} int32`);
    const classStart = need('classStart', decodeInt32(json.classStart, C + 1), `base64 of ${C + 1} int32`);
    const position = new Int32Array(V);
    for (let p = 0; p < V; p++) {
      const w = wordAt[p];
      if (w < 0 || w >= V) throw new RnnlmError(`wordAt[${p}]`, w, `a word id in [0, ${V})`);
      position[w] = p;
    }
    const classes: FrequencyClasses = { count: C, classOf, position, wordAt, classStart };
    const lm = new RnnLm({
      vocabSize: V,
      hiddenSize: H,
      classes,
      // Checked here, not defaulted as in the constructor: a missing field in a file is damage, not a choice.
      eosId: checkInteger('eosId', json.eosId, 0, V - 1),
      initialState: checkNumber('initialState', json.initialState, -1e6, 1e6),
      initStd: 0,
      engine: options?.engine,
      ...(json.directSize === undefined || json.directSize === 0
        ? {}
        : { directSize: json.directSize, directOrder: checkInteger('directOrder', json.directOrder, 1) }),
    });
    // A NaN weight would turn every probability into NaN: refuse it here, naming the weight.
    const weights = (field: string, text: unknown, n: number): Float64Array =>
      checkFinite(field, need(field, decodeFloat64(text, n), `base64 of ${n} float64`));
    lm.inputWeights.set(weights('inputWeights', json.inputWeights, V * H));
    lm.recurrentWeights.set(weights('recurrentWeights', json.recurrentWeights, H * H));
    lm.classWeights.set(weights('classWeights', json.classWeights, C * H));
    lm.outputWeights.set(weights('outputWeights', json.outputWeights, V * H));
    if (lm.directSize > 0) lm.directWeights.set(weights('directWeights', json.directWeights, lm.directSize));
    return lm;
  }

  /** s = sigmoid(U[x] + W · sPrev), offsets into the kernels' memory; clamps as rnnlm does. */
  private hidden(x: number, sPrev: number, s: number): void {
    this.k.dotRows(this.oW, 0, this.hiddenSize, this.hiddenSize, sPrev, this.oA);
    this.k.sigmoid(this.oA, this.oU + x * this.hiddenSize, s, this.hiddenSize);
  }

  /** P(class | s, history) into oPc: class scores, plus the direct n-gram features, then softmax. */
  private classSoftmax(s: number): void {
    const C = this.classes.count;
    this.k.dotRows(this.oC, 0, C, this.hiddenSize, s, this.oPc);
    if (this.direct) this.direct.addClassScores(this.mem, this.oPc, C);
    this.k.softmax(this.oPc, C);
  }

  /** P(word | class c, s, history) into oPw, in output-position order of class c. */
  private wordSoftmax(s: number, c: number): void {
    const a = this.classes.classStart[c];
    const n = this.classes.classStart[c + 1] - a;
    this.k.dotRows(this.oY, a, n, this.hiddenSize, s, this.oPw);
    if (this.direct) this.direct.addWordScores(this.mem, this.oPw, c, n);
    this.k.softmax(this.oPw, n);
  }

  /** Runs the history and returns the offset of the state that predicts the next word. */
  private stateAfter(history: Int32Array): number {
    let s = this.oS0;
    let other = this.oS1;
    this.mem.fill(this.initialState, s, s + this.hiddenSize);
    let x = this.eosId;
    this.direct?.reset(this.eosId);
    for (let t = 0; t <= history.length; t++) {
      this.hidden(x, s, other);
      const tmp = s;
      s = other;
      other = tmp;
      if (t < history.length) {
        x = history[t];
        this.direct?.push(x);
      }
    }
    return s;
  }
}

/** Most unrolled steps per BPTT block (bptt + bpttBlock − 1) that {@link RnnLm.learn} supports. */
const MAX_UNROLL = 128;

/** Clips mem[off … off + n) to [−c, c] (rnnlm's `gradient_cutoff`). */
function clip(mem: Float64Array, off: number, n: number, c: number): void {
  for (let i = off; i < off + n; i++) {
    const v = mem[i];
    if (v > c) mem[i] = c;
    else if (v < -c) mem[i] = -c;
  }
}

/** dst[d … d + n) = src[s … s + n), without allocating views (this runs every token). */
function copy(src: Float64Array, s: number, dst: Float64Array, d: number, n: number): void {
  for (let i = 0; i < n; i++) dst[d + i] = src[s + i];
}
