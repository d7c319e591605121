/**
 * @internal The direct n-gram connections of an RNNME model (Mikolov's "maximum entropy" part), exactly
 * as rnnlm-0.4b's `-direct N -direct-order K`: every history n-gram (n = 0 … K−1 previous words) is
 * hashed into one shared array of weights `syn_d`, which adds a score to each class and to each word of
 * the predicted class before the softmax. The first half of the array holds history → class features,
 * the second half history → word-within-class features.
 *
 * Hashing, step for step as rnnlm's `computeNet`/`learnNet` (with its 32-bit unsigned arithmetic where
 * rnnlm uses `unsigned int`, 64-bit where it uses `unsigned long long`): for order a (0 … K−1) and the
 * history h₀ (the current input word), h₁, …:
 *
 *     S_a   = Σ_{b=1..a} PRIMES[(a·PRIMES[b] + b) mod 36]·(h_{b−1} + 1)
 *     class = (P₀P₁ + S_a) mod ⌊D/2⌋                      — class c uses weight class + c
 *     word  = ((P₀P₁)·(c + 1) + S_a) mod ⌊D/2⌋ + ⌊D/2⌋    — the i-th word of class c uses word + i (mod D)
 *
 * where P₀P₁ = PRIMES[0]·PRIMES[1] mod 2³². A hash that is exactly 0 switches its order and all higher
 * orders off (rnnlm's `if (hash[b]) … else break`). Every weight update is rnnlm's
 * `syn_d += alpha·er − syn_d·beta3` with beta3 = alpha·beta, on every token.
 */

/** rnnlm's table of primes for hashing history n-grams (rnnlmlib.h). */
const PRIMES = [
  108641969, 116049371, 125925907, 133333309, 145678979, 175308587, 197530793, 234567803, 251851741, 264197411, 330864029,
  399999781, 407407183, 459258997, 479012069, 545678687, 560493491, 607407037, 629629243, 656789717, 716048933, 718518067,
  725925469, 733332871, 753085943, 755555077, 782715551, 790122953, 812345159, 814814293, 893826581, 923456189, 940740127,
  953085797, 985184539, 990122807,
];

/** rnnlm's MAX_NGRAM_ORDER: the longest history the direct connections may use. */
export const MAX_DIRECT_ORDER = 20;
/** Largest hash size accepted (2²⁸ float64 = 2 GiB), which keeps every hash computation exact in float64. */
export const MAX_DIRECT_SIZE = 2 ** 28;
/** Largest vocabulary with direct connections (keeps (h + 1)·prime products exact in float64). */
export const MAX_DIRECT_VOCAB = 2 ** 23;

/** @internal Hashed n-gram features and their weights; the history is kept here, word by word. */
export class DirectConnections {
  /** The shared weight array `syn_d` (D float64, zero-initialised as in rnnlm). */
  readonly weights: Float64Array;
  /** Hash size D. */
  readonly size: number;
  /** n-gram order K (features use 0 … K−1 previous words). */
  readonly order: number;

  private readonly half: number;
  /** (P₀P₁ mod 2³²) mod ⌊D/2⌋. */
  private readonly baseMod: number;
  /** coef[a·K + b] = PRIMES[(a·PRIMES[b] + b) mod 36] mod ⌊D/2⌋ for 1 ≤ b ≤ a. */
  private readonly coef: Float64Array;
  /** history[0] = the current input word, history[1] the one before, … */
  private readonly history: Int32Array;
  /** S_a mod ⌊D/2⌋ for the current history. */
  private readonly sums: Float64Array;
  /** Class-feature start per order for the current history. */
  readonly classHash: Float64Array;
  /** Orders in use for the class features (rnnlm stops at the first zero hash). */
  classOrders = 0;
  /** Scratch: word-feature positions per order while walking a class. */
  private readonly wordHash: Float64Array;

  constructor(size: number, order: number) {
    this.size = size;
    this.order = order;
    this.weights = new Float64Array(size);
    const half = Math.floor(size / 2);
    this.half = half;
    const p0p1 = Math.imul(PRIMES[0], PRIMES[1]) >>> 0; // unsigned int · unsigned int wraps in rnnlm
    this.baseMod = p0p1 % half;
    this.coef = new Float64Array(order * order);
    for (let a = 0; a < order; a++) {
      for (let b = 1; b <= a; b++) {
        const index = ((Math.imul(a, PRIMES[b]) >>> 0) + b) >>> 0; // unsigned int arithmetic
        this.coef[a * order + b] = PRIMES[index % PRIMES.length] % half;
      }
    }
    this.history = new Int32Array(order);
    this.sums = new Float64Array(order);
    this.classHash = new Float64Array(order);
    this.wordHash = new Float64Array(order);
  }

  /** Starts a text: every history word is `eosId` (rnnlm's `history[a] = 0`, `</s>` being word 0). */
  reset(eosId: number): void {
    this.history.fill(eosId);
    this.prepare();
  }

  /** Shifts `word` into the history (after predicting it) and recomputes the hashes. */
  push(word: number): void {
    const h = this.history;
    for (let a = h.length - 1; a > 0; a--) h[a] = h[a - 1];
    h[0] = word;
    this.prepare();
  }

  /** S_a and the class hashes of the current history. */
  private prepare(): void {
    const K = this.order;
    const half = this.half;
    this.classOrders = K;
    for (let a = 0; a < K; a++) {
      let s = 0;
      for (let b = 1; b <= a; b++) s = (s + ((this.coef[a * K + b] * (this.history[b - 1] + 1)) % half)) % half;
      this.sums[a] = s;
      const h = (this.baseMod + s) % half;
      this.classHash[a] = h;
      if (h === 0 && this.classOrders === K) this.classOrders = a;
    }
  }

  /** logits[off + c] += Σ_a syn_d[classHash[a] + c] for the C classes (rnnlm's loop order). */
  addClassScores(mem: Float64Array, off: number, C: number): void {
    const w = this.weights;
    const K = this.classOrders;
    const hash = this.classHash;
    for (let c = 0; c < C; c++) {
      let v = mem[off + c];
      for (let b = 0; b < K; b++) v += w[hash[b] + c];
      mem[off + c] = v;
    }
  }

  /** Start of the word features of class c for the current history, per order, into wordHash. */
  private wordStarts(c: number): void {
    const half = this.half;
    const m = (this.baseMod * (c + 1)) % half;
    for (let a = 0; a < this.order; a++) this.wordHash[a] = ((m + this.sums[a]) % half) + half;
  }

  /** logits[off + i] += Σ_a syn_d[word_a + i] for the n words of class c, in output-position order. */
  addWordScores(mem: Float64Array, off: number, c: number, n: number): void {
    this.wordStarts(c);
    const w = this.weights;
    const hash = this.wordHash;
    const K = this.order;
    const D = this.size;
    for (let i = 0; i < n; i++) {
      let v = mem[off + i];
      for (let b = 0; b < K; b++) {
        const h = hash[b];
        if (h === 0) break;
        v += w[h];
        hash[b] = h + 1 === D ? 0 : h + 1; // (h + 1) mod D
      }
      mem[off + i] = v;
    }
  }

  /** SGD step of the class features: syn_d += alpha·g[c] − syn_d·alpha·beta (g = target − output). */
  learnClasses(mem: Float64Array, g: number, C: number, alpha: number, beta3: number): void {
    const w = this.weights;
    const K = this.classOrders;
    const hash = this.classHash;
    for (let c = 0; c < C; c++) {
      const ag = alpha * mem[g + c];
      for (let b = 0; b < K; b++) {
        const h = hash[b] + c;
        w[h] += ag - w[h] * beta3;
      }
    }
  }

  /** SGD step of the word features of class c (errors g[0 … n) in output-position order). */
  learnWords(mem: Float64Array, g: number, c: number, n: number, alpha: number, beta3: number): void {
    this.wordStarts(c);
    const w = this.weights;
    const hash = this.wordHash;
    const K = this.order;
    const D = this.size;
    for (let i = 0; i < n; i++) {
      const ag = alpha * mem[g + i];
      for (let b = 0; b < K; b++) {
        const h = hash[b];
        if (h === 0) break;
        w[h] += ag - w[h] * beta3;
        hash[b] = h + 1 === D ? 0 : h + 1; // (h + 1) mod D
      }
    }
  }
}
