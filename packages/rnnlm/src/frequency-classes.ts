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

  // Sort by descending count, ties by id (stable, deterministic).
  const order = Array.from({ length: V }, (_, i) => i);
  order.sort((a, b) => counts[b] - counts[a] || a - b);

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
  for (let p = 0; p < vocabSize; p++) {
    const w = wordAt[p];
    const c = classOf[w];
    if (position[w] !== p || p < classStart[c] || p >= classStart[c + 1]) {
      throw new RnnlmError(`${field}.wordAt[${p}]`, w, 'a word whose class range contains its position');
    }
  }
}
