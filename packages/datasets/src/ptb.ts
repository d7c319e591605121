// The Penn Treebank language-modelling corpus from disk or downloaded into the cache (Node only).
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from './cache-dir';
import { downloadFile } from './download';
import { DatasetError, loadingDataset } from './errors';
import type { ProgressOption } from './progress';
import { PTB_RESOURCES, type PtbSplit } from './ptb-resources';
import { loadTextCorpus } from './text-corpus';
import type { Vocabulary } from './vocabulary';

/** Options for {@link loadPtb}. */
export interface LoadPtbOptions {
  /** Folder holding `ptb.train.txt`, `ptb.valid.txt`, `ptb.test.txt`. Default `<cacheDir()>/ptb`. */
  root?: string;
  /** Download the missing files (md5-verified) into `root`. Default false. */
  download?: boolean;
  /** Folder URLs the three files are fetched from, tried in order. Default {@link PTB_RESOURCES}`.mirrors`. */
  mirrors?: readonly string[];
  /** Override the md5 of a file (for a private copy). */
  md5?: Partial<Record<PtbSplit, string>>;
  /** Never touch the network. Default `$DLKIT_OFFLINE`. */
  offline?: boolean;
  /** Progress bar / listener for the downloads. Default silent. */
  progress?: ProgressOption;
}

/** The Penn Treebank as id streams: `</s>` after each line, one vocabulary built from `train`. */
export interface PtbCorpus {
  /** 10 000 words for the official files: `<unk>` (id 0), `</s>` (id 1), then by decreasing frequency. */
  vocabulary: Vocabulary;
  /** 929 589 ids for the official files (887 521 words + 42 068 `</s>`). */
  train: Int32Array;
  /** 73 760 ids for the official files. */
  valid: Int32Array;
  /** 82 430 ids for the official files. */
  test: Int32Array;
  /** The three files read. */
  files: Record<PtbSplit, string>;
}

const SPLITS: readonly PtbSplit[] = ['train', 'valid', 'test'];

async function present(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Loads the Penn Treebank language-modelling corpus (Mikolov et al. 2011; the files behind the published PTB
 * perplexities) with the standard protocol: whitespace tokens, `</s>` appended to each line, the vocabulary of
 * the training file (10 000 words with `<unk>` and `</s>`), words of `valid`/`test` outside it mapped to
 * `<unk>`. From `root`, or downloaded with `download: true` into the cache, md5-verified with the digests
 * torchtext checks (see {@link downloadFile} for retries, resume, locking and offline mode).
 *
 * @throws {DatasetError} `NOT_FOUND` naming the missing file (with a hint to download), `CHECKSUM` / `NETWORK`
 *   / `OFFLINE` from the download.
 * @example
 * ```ts
 * const ptb = await loadPtb({ download: true });
 * ptb.vocabulary.size; // 10000
 * ptb.train.length;    // 929589
 * ptb.vocabulary.wordOf(ptb.train[0]); // 'aer'
 * ```
 */
export function loadPtb(options: LoadPtbOptions = {}): Promise<PtbCorpus> {
  return loadingDataset('ptb', async () => {
    const root = options.root ?? join(cacheDir(), 'ptb');
    const files = Object.fromEntries(SPLITS.map((s) => [s, join(root, PTB_RESOURCES.files[s].name)])) as Record<PtbSplit, string>;
    if (options.download) {
      const mirrors = options.mirrors ?? PTB_RESOURCES.mirrors;
      for (const split of SPLITS) {
        const { name, md5 } = PTB_RESOURCES.files[split];
        await downloadFile({
          urls: mirrors.map((m) => new URL(name, m.endsWith('/') ? m : `${m}/`).toString()),
          dest: files[split],
          checksum: { algorithm: 'md5', hex: options.md5?.[split] ?? md5 },
          offline: options.offline,
          progress: options.progress,
        });
      }
    } else {
      for (const split of SPLITS) {
        if (!(await present(files[split]))) {
          throw new DatasetError('Penn Treebank file not found', {
            code: 'NOT_FOUND',
            file: files[split],
            field: split,
            received: 'no such file',
            expected: `${PTB_RESOURCES.files[split].name} in ${root}`,
            hint: 'pass { download: true }, or point root at the folder holding ptb.train.txt, ptb.valid.txt and ptb.test.txt',
          });
        }
      }
    }
    const corpus = await loadTextCorpus(files);
    return {
      vocabulary: corpus.vocabulary,
      train: corpus.train,
      valid: corpus.valid as Int32Array,
      test: corpus.test as Int32Array,
      files,
    };
  });
}
