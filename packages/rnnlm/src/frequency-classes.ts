import { RnnlmError, checkInteger } from './errors';

/**
 * Words grouped into frequency classes for a class-factorised softmax,
 * P(w | h) = P(class(w) | h) · P(w | class(w), h).
 *
 * Output positions are the words reordered so that every class is a contiguous
 * range `[classStart[c], classStart[c + 1])`.
 */
export interface FrequencyClasses {
  /** Number of classes C. */
  readonly count: number;
  /** `classOf[w]`: the class of word id `w` (length V). */
  readonly classOf: Int32Array;
  /** `position[w]`: the output position of word id `w` (length V). */
  readonly position: Int32Array;
  /** `wordAt[p]`: the word id at output position `p` (length V). */
  readonly wordAt: Int32Array;
  /** Class boundaries over output positions (length C + 1). */
  readonly classStart: Int32Array;
}

/** Options of {@link buildFrequencyClasses}. */
export interface FrequencyClassOptions {
  /**
   * `'sqrt'` (default, rnnlm-0.4b's "new classes") splits the cumulative sum of √(unigram frequency)
   * into equal parts; `'linear'` (rnnlm's `-old-classes`) splits the cumulative frequency itself.
   */
  readonly mode?: 'sqrt' | 'linear';
  /**
   * rnnlm-0.4b's vocabulary order (every word id once: end-of-sentence first, then the words in order
   * of first appearance in the training text, see {@link rnnlmVocabularyOrder}). When given, words are
   * ranked exactly as rnnlm's `sortVocab` ranks them — a selection sort that is not stable, so words of
   * equal count end up scrambled rather than grouped by where they first appear — and the classes equal
   * rnnlm's. Without it, ties keep id order. It matters: classes of rare words grouped by position in
   * the text fit the training text markedly faster (an RNN's first-epoch training perplexity on the PTB
   * protocol: 406 instead of 437) and generalised worse in our runs.
   */
  readonly order?: Int32Array;
}

/**
 * rnnlm-0.4b's vocabulary order for {@link FrequencyClassOptions.order}: `eosId` first, then every
 * other word id in order of first appearance in `tokens`, then ids never seen (in id order).
 *
 * @example
 * ```ts
 * rnnlmVocabularyOrder(Int32Array.of(3, 1, 3, 0), 4, 0); // Int32Array [0, 3, 1, 2]
 * ```
 */
export function rnnlmVocabularyOrder(tokens: Int32Array, vocabSize: number, eosId: number): Int32Array {
  checkInteger('vocabSize', vocabSize, 1);
  checkInteger('eosId', eosId, 0, vocabSize - 1);
  const seen = new Uint8Array(vocabSize);
  const order = new Int32Array(vocabSize);
  let n = 0;
  order[n++] = eosId;
  seen[eosId] = 1;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i];
    if (!(w >= 0 && w < vocabSize)) throw new RnnlmError(`tokens[${i}]`, w, `a word id in [0, ${vocabSize})`);
    if (!seen[w]) {
      seen[w] = 1;
      order[n++] = w;
    }
  }
  for (let w = 0; w < vocabSize; w++) if (!seen[w]) order[n++] = w;
  return order;
}

/**
 * The ranking of rnnlm's `sortVocab` on the initial `order`: for a = 1, 2, …, swap position a with the
 * first position b ≥ a holding the largest count. A segment tree finds that position in O(log V).
 */
function rnnlmRank(counts: Uint32Array, order: Int32Array): Int32Array {
  const V = order.length;
  const out = Int32Array.from(order);
  let size = 1;
  while (size < V) size <<= 1;
  const val = new Float64Array(2 * size).fill(-1);
  const idx = new Int32Array(2 * size);
  for (let i = 0; i < V; i++) {
    val[size + i] = counts[out[i]];
    idx[size + i] = i;
  }
  const pull = (n: number): void => {
    const l = 2 * n;
    const r = l + 1;
    // The larger count wins; on ties the leftmost position (idx[l] < idx[r] always).
    const pick = val[r] > val[l] ? r : l;
    val[n] = val[pick];
    idx[n] = idx[pick];
  };
  for (let n = size - 1; n >= 1; n--) pull(n);
  const set = (i: number, v: number): void => {
    let n = size + i;
    val[n] = v;
    for (n >>= 1; n >= 1; n >>= 1) pull(n);
  };
  // Position 0 (end of sentence) stays first, as in rnnlm.
  set(0, -1);
  for (let a = 1; a < V; a++) {
    // First position of the maximum over [a, V): positions < a are already out of the tree (value −1).
    const m = idx[1];
    if (m !== a) {
      const t = out[a];
      out[a] = out[m];
      out[m] = t;
      set(m, counts[out[m]]);
    }
    set(a, -1);
  }
  return out;
}

/**
 * Assigns words to frequency classes the way Mikolov's rnnlm-0.4b does: sort the
 * vocabulary by descending count, then cut the cumulative (√-)frequency into
 * `numClasses` equal shares. Frequent words get small classes, rare words share big ones.
 *
 * @param counts word counts from the training text (`counts[w]`, length V).
 * @param numClasses number of classes C (at most V; fewer are produced if the mass runs out).
 *
 * @example
 * ```ts
 * const classes = buildFrequencyClasses(new Uint32Array([50, 20, 5, 5, 1]), 2);
 * classes.classOf; // Int32Array [0, 1, 1, 1, 1]
 * ```
 */
export function buildFrequencyClasses(
  counts: Uint32Array,
  numClasses: number,
  options: FrequencyClassOptions = {},
): FrequencyClasses {
  if (!(counts instanceof Uint32Array) || counts.length < 1) {
    throw new RnnlmError('counts', counts, 'a non-empty Uint32Array of word counts');
  }
  const V = counts.length;
  checkInteger('numClasses', numClasses, 1, V);
  const mode = options.mode ?? 'sqrt';
  if (mode !== 'sqrt' && mode !== 'linear') throw new RnnlmError('options.mode', mode, "'sqrt' or 'linear'");

  let order: ArrayLike<number> & Iterable<number>;
  if (options.order !== undefined) {
    const given = options.order;
    const seen = new Uint8Array(V);
    const ok =
      given instanceof Int32Array && given.length === V && given.every((w) => w >= 0 && w < V && !seen[w] && (seen[w] = 1) === 1);
    if (!ok) throw new RnnlmError('options.order', given, `an Int32Array permutation of the ${V} word ids`);
    order = rnnlmRank(counts, given);
  } else {
    // Sort by descending count, ties by id (stable, deterministic).
    const byCount = Array.from({ length: V }, (_, i) => i);
    byCount.sort((a, b) => counts[b] - counts[a] || a - b);
    order = byCount;
  }

  let total = 0;
  for (let i = 0; i < V; i++) total += counts[i];
  // Words never seen still need a class: give them a pseudo-count of 1 in the split.
  const mass = (w: number): number => {
    const f = (counts[w] === 0 ? 1 : counts[w]) / Math.max(total, 1);
    return mode === 'sqrt' ? Math.sqrt(f) : f;
  };
  let norm = 0;
  for (let i = 0; i < V; i++) norm += mass(i);

  const classOf = new Int32Array(V);
  let cls = 0;
  let cumulative = 0;
  for (const w of order) {
    cumulative += mass(w) / norm;
    if (cumulative > 1) cumulative = 1;
    classOf[w] = cls;
    if (cumulative > (cls + 1) / numClasses && cls < numClasses - 1) cls++;
  }
  // The number of classes actually used (the last word may have opened no new class).
  let used = 0;
  for (let i = 0; i < V; i++) if (classOf[i] + 1 > used) used = classOf[i] + 1;

  const classStart = new Int32Array(used + 1);
  for (let i = 0; i < V; i++) classStart[classOf[i] + 1]++;
  for (let c = 0; c < used; c++) classStart[c + 1] += classStart[c];
  const fill = classStart.slice(0, used);
  const wordAt = new Int32Array(V);
  const position = new Int32Array(V);
  for (const w of order) {
    const p = fill[classOf[w]]++;
    wordAt[p] = w;
    position[w] = p;
  }
  return { count: used, classOf, position, wordAt, classStart };
}

/** @internal Checks the internal consistency of deserialised classes. */
export function checkFrequencyClasses(field: string, classes: FrequencyClasses, vocabSize: number): void {
  const { count, classOf, position, wordAt, classStart } = classes;
  const ok =
    classOf.length === vocabSize &&
    position.length === vocabSize &&
    wordAt.length === vocabSize &&
    classStart.length === count + 1 &&
    classStart[0] === 0 &&
    classStart[count] === vocabSize;
  if (!ok) throw new RnnlmError(field, classes, `frequency classes over ${vocabSize} words`);
  for (let c = 0; c < count; c++) {
    if (!(classStart[c + 1] >= classStart[c]))
      throw new RnnlmError(`${field}.classStart[${c + 1}]`, classStart[c + 1], `a class start ≥ ${classStart[c]}`);
  }
  for (let w = 0; w < vocabSize; w++) {
    const c = classOf[w];
    if (!(c >= 0 && c < count)) throw new RnnlmError(`${field}.classOf[${w}]`, c, `a class in [0, ${count})`);
  }
  for (let p = 0; p < vocabSize; p++) {
    const w = wordAt[p];
    const c = classOf[w];
    if (position[w] !== p || p < classStart[c] || p >= classStart[c + 1]) {
      throw new RnnlmError(`${field}.wordAt[${p}]`, w, 'a word whose class range contains its position');
    }
  }
}
