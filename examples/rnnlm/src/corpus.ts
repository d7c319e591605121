/**
 * The texts of the two protocols, encoded with their vocabulary — loaded the same way by the coordinator and by
 * every trial (on any machine: only the folder's path travels in a trial's settings).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { buildVocabulary, DatasetError, encode, loadPtb, tokenize, type Vocabulary } from '@dlkit/datasets';
import { buildFrequencyClasses, rnnlmVocabularyOrder, type FrequencyClasses } from '@dlkit/rnnlm';

/** Which protocol: `small` (issue 10: 90/10 split of ptb.valid.txt, test ptb.test.txt) or `full` (the PTB files). */
export type ProtocolName = 'small' | 'full';

/** A protocol's texts: training, held-out (learning-rate schedule and interpolation weights), test. */
export interface Corpus {
  vocab: Vocabulary;
  train: Int32Array;
  heldOut: Int32Array;
  test: Int32Array;
  /** Test words outside the vocabulary (mapped to <unk>); 0 in the full protocol, whose files hold <unk>. */
  oov: number;
}

function readLines(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    // The error loadPtb throws for the full protocol's files, so both protocols report a missing file alike.
    const missing = (cause as NodeJS.ErrnoException).code === 'ENOENT';
    throw new DatasetError(missing ? 'Penn Treebank file not found' : 'Penn Treebank file unreadable', {
      code: missing ? 'NOT_FOUND' : 'UNREADABLE',
      file: path,
      received: missing ? 'no such file' : (cause as Error).message,
      expected: `${basename(path)} in ${dirname(path)}`,
      cause,
      dataset: 'ptb',
    });
  }
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}

/**
 * `corpus`, when each of its texts holds words: an empty one stops the run here, naming its file, instead of in a
 * perplexity of no tokens after KN5 was built.
 */
function nonEmpty(corpus: Corpus, files: Record<'train' | 'heldOut' | 'test', string>, expected: string): Corpus {
  for (const part of ['train', 'heldOut', 'test'] as const) {
    if (corpus[part].length === 0) {
      throw new DatasetError('Penn Treebank text without words', {
        code: 'BAD_FORMAT',
        file: files[part],
        field: part,
        received: '0 tokens',
        expected,
        dataset: 'ptb',
      });
    }
  }
  return corpus;
}

/** Issue 10's protocol: train on the first 90 % of ptb.valid.txt, hold out the last 10 %, test on ptb.test.txt. */
export function loadSmallCorpus(data: string): Corpus {
  const validLines = readLines(resolve(data, 'ptb.valid.txt'));
  const testLines = readLines(resolve(data, 'ptb.test.txt'));
  const cut = Math.floor(validLines.length * 0.9);
  const trainTokens = tokenize(validLines.slice(0, cut).join('\n'));
  const vocab = buildVocabulary(trainTokens);
  const train = encode(trainTokens, vocab);
  const heldOut = encode(tokenize(validLines.slice(cut).join('\n')), vocab);
  const testTokens = tokenize(testLines.join('\n'));
  const test = encode(testTokens, vocab);
  let oov = 0;
  for (const w of testTokens) if (vocab.idOf(w) === vocab.unkId && w !== '<unk>') oov++;
  const valid = resolve(data, 'ptb.valid.txt');
  return nonEmpty(
    { vocab, train, heldOut, test, oov },
    { train: valid, heldOut: valid, test: resolve(data, 'ptb.test.txt') },
    'lines of words (the first 90 % of the lines of ptb.valid.txt train, the last 10 % are held out)',
  );
}

/** The standard PTB protocol: ptb.train.txt, ptb.valid.txt (held out), ptb.test.txt, `loadPtb`'s vocabulary. */
export async function loadFullCorpus(data: string): Promise<Corpus> {
  const ptb = await loadPtb({ root: data, offline: true });
  return nonEmpty(
    { vocab: ptb.vocabulary, train: ptb.train, heldOut: ptb.valid, test: ptb.test, oov: 0 },
    { train: resolve(data, 'ptb.train.txt'), heldOut: resolve(data, 'ptb.valid.txt'), test: resolve(data, 'ptb.test.txt') },
    'lines of words',
  );
}

/** Loads a protocol's corpus. */
export function loadCorpus(protocol: ProtocolName, data: string): Promise<Corpus> {
  return protocol === 'full' ? loadFullCorpus(data) : Promise.resolve(loadSmallCorpus(data));
}

/** rnnlm-0.4b's `-class`, the default number of frequency classes. */
export const RNNLM_CLASSES = 100;

/**
 * rnnlm-0.4b's exact frequency classes (its vocabulary order: </s>, then first appearance in training): its
 * default 100, or `count` as its `-class` option gives them.
 */
export function rnnlmClasses(corpus: Corpus, count = RNNLM_CLASSES): FrequencyClasses {
  const { vocab, train } = corpus;
  return buildFrequencyClasses(vocab.counts, Math.min(count, vocab.size), {
    order: rnnlmVocabularyOrder(train, vocab.size, vocab.eosId),
  });
}
