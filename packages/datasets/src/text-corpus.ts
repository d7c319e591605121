import { readFile } from 'node:fs/promises';
import { fileError } from './idx';
import { tokenize } from './tokenize';
import { buildVocabulary, encode, type Vocabulary } from './vocabulary';

/** Where the corpus text comes from: file paths (default) or the texts themselves. */
export interface TextCorpusSources {
  train: string;
  valid?: string;
  test?: string;
}

/** Options for {@link loadTextCorpus}. */
export interface TextCorpusOptions {
  /** `true` (default): the sources are file paths; `false`: they are the texts. */
  fromFiles?: boolean;
  /** See {@link VocabularyOptions.minCount}. */
  minCount?: number;
  /** See {@link VocabularyOptions.maxSize}. */
  maxSize?: number;
}

/** A tokenised, encoded corpus: one id stream per split, the vocabulary from `train` only. */
export interface TextCorpus {
  vocabulary: Vocabulary;
  train: Int32Array;
  valid?: Int32Array;
  test?: Int32Array;
}

/**
 * Loads a language-modelling corpus in the Penn Treebank style (`ptb.train.txt`, `ptb.valid.txt`,
 * `ptb.test.txt`): whitespace tokens, `</s>` after each line, a vocabulary built from the training text
 * only (so unseen validation/test words become `<unk>`), each split encoded as an Int32Array of ids.
 *
 * @throws {DatasetError} `NOT_FOUND` / `UNREADABLE` naming the file.
 * @example
 * ```ts
 * const { vocabulary, train, valid } = await loadTextCorpus({
 *   train: 'ptb/ptb.train.txt', valid: 'ptb/ptb.valid.txt', test: 'ptb/ptb.test.txt',
 * });
 * vocabulary.size; // 10000 for PTB
 * ```
 */
export async function loadTextCorpus(sources: TextCorpusSources, options: TextCorpusOptions = {}): Promise<TextCorpus> {
  const fromFiles = options.fromFiles ?? true;
  const text = async (source: string | undefined): Promise<string | undefined> => {
    if (source === undefined || !fromFiles) return source;
    try {
      return await readFile(source, 'utf8');
    } catch (cause) {
      throw fileError(source, cause);
    }
  };
  const [train, valid, test] = await Promise.all([text(sources.train), text(sources.valid), text(sources.test)]);
  const trainTokens = tokenize(train as string);
  const vocabulary = buildVocabulary(trainTokens, { minCount: options.minCount, maxSize: options.maxSize });
  const corpus: TextCorpus = { vocabulary, train: encode(trainTokens, vocabulary) };
  if (valid !== undefined) corpus.valid = encode(tokenize(valid), vocabulary);
  if (test !== undefined) corpus.test = encode(tokenize(test), vocabulary);
  return corpus;
}
