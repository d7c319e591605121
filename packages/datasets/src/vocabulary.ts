import { check } from './errors';

/** A word ↔ id map built from training text. Ids are dense: `0 … size-1`. */
export interface Vocabulary {
  /** id → word. */
  readonly words: readonly string[];
  /** Frequency of each id in the training text (`<unk>` counts the dropped words too). */
  readonly counts: Uint32Array;
  /** Id of the unknown-word token (`<unk>`). */
  readonly unkId: number;
  /** Id of the sentence-end token (`</s>`). */
  readonly eosId: number;
  /** Id of `word`; unknown words map to `unkId`. */
  idOf(word: string): number;
  /** Word of `id`. */
  wordOf(id: number): string;
  /** Number of words, specials included. */
  readonly size: number;
}

/** Options for {@link buildVocabulary}. */
export interface VocabularyOptions {
  /** Drop words seen fewer times (they become `<unk>`). Default 1. */
  minCount?: number;
  /** Keep at most this many ids, specials included (the most frequent words win). Default unlimited. */
  maxSize?: number;
  /** Unknown-word token. Default `'<unk>'`. */
  unk?: string;
  /** Sentence-end token. Default `'</s>'`. */
  eos?: string;
}

class MapVocabulary implements Vocabulary {
  readonly size: number;
  private readonly index: Map<string, number>;

  constructor(
    readonly words: readonly string[],
    readonly counts: Uint32Array,
    readonly unkId: number,
    readonly eosId: number,
  ) {
    this.size = words.length;
    this.index = new Map(words.map((w, i) => [w, i]));
  }

  idOf(word: string): number {
    return this.index.get(word) ?? this.unkId;
  }

  wordOf(id: number): string {
    check(Number.isInteger(id) && id >= 0 && id < this.size, 'id', id, `an integer in 0..${this.size - 1}`);
    return this.words[id];
  }
}

/**
 * Builds a vocabulary from training tokens: `<unk>` is id 0 and `</s>` id 1 (always present), then words
 * by decreasing frequency, ties in order of first appearance. `<unk>` tokens already in the text (as in the
 * PTB files) map to the same id and are counted with the words dropped by `minCount`/`maxSize`.
 *
 * @example
 * ```ts
 * const vocab = buildVocabulary(tokenize('a b a\nc a'));
 * vocab.words;          // ['<unk>', '</s>', 'a', 'b', 'c']
 * vocab.idOf('zebra');  // 0 (vocab.unkId)
 * ```
 */
export function buildVocabulary(tokens: readonly string[], options: VocabularyOptions = {}): Vocabulary {
  const unk = options.unk ?? '<unk>';
  const eos = options.eos ?? '</s>';
  const minCount = options.minCount ?? 1;
  const maxSize = options.maxSize ?? Infinity;
  check(unk !== eos, 'unk', unk, 'a token different from eos');
  check(Number.isInteger(minCount) && minCount >= 1, 'minCount', minCount, 'an integer >= 1');
  check(
    maxSize === Infinity || (Number.isInteger(maxSize) && maxSize >= 2),
    'maxSize',
    maxSize,
    'an integer >= 2 (room for <unk> and </s>)',
  );

  const freq = new Map<string, number>();
  for (const t of tokens) freq.set(t, (freq.get(t) ?? 0) + 1);
  // Map iteration order is first appearance, and Array.prototype.sort is stable.
  const candidates = [...freq.entries()].filter(([w, c]) => w !== unk && w !== eos && c >= minCount).sort((a, b) => b[1] - a[1]);
  const kept = candidates.slice(0, Math.max(0, maxSize - 2));
  const words = [unk, eos, ...kept.map(([w]) => w)];
  const counts = new Uint32Array(words.length);
  let keptTotal = 0;
  kept.forEach(([, c], i) => {
    counts[i + 2] = c;
    keptTotal += c;
  });
  const eosCount = freq.get(eos) ?? 0;
  counts[1] = eosCount;
  counts[0] = tokens.length - keptTotal - eosCount;
  return new MapVocabulary(Object.freeze(words), counts, 0, 1);
}

/**
 * Maps tokens to ids (unknown words to `vocab.unkId`).
 *
 * @example
 * ```ts
 * encode(['a', 'zebra', '</s>'], vocab); // Int32Array [2, 0, 1]
 * ```
 */
export function encode(tokens: readonly string[], vocab: Vocabulary): Int32Array {
  const out = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) out[i] = vocab.idOf(tokens[i]);
  return out;
}

/**
 * Maps ids back to words.
 *
 * @example
 * ```ts
 * decode(Int32Array.of(2, 1), vocab); // ['a', '</s>']
 * ```
 */
export function decode(ids: ArrayLike<number>, vocab: Vocabulary): string[] {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i++) out.push(vocab.wordOf(ids[i]));
  return out;
}
