import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTextCorpus } from '../src/text-corpus';
import { catchAsync, tempDir } from './helpers';

const TRAIN = ' aer banknote berlitz <unk> \n the cat sat on the mat \n the <unk> sat \n';
const VALID = ' the dog sat \n';

describe('loadTextCorpus', () => {
  it('reads PTB-style files, builds the vocabulary from train only, encodes every split', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'ptb.train.txt'), TRAIN);
    await writeFile(join(dir, 'ptb.valid.txt'), VALID);
    await writeFile(join(dir, 'ptb.test.txt'), 'mat cat\n');
    const c = await loadTextCorpus({
      train: join(dir, 'ptb.train.txt'),
      valid: join(dir, 'ptb.valid.txt'),
      test: join(dir, 'ptb.test.txt'),
    });
    const v = c.vocabulary;
    expect(c.train).toBeInstanceOf(Int32Array);
    expect(c.train.length).toBe(4 + 1 + 6 + 1 + 3 + 1);
    expect(v.words.slice(0, 4)).toEqual(['<unk>', '</s>', 'the', 'sat']);
    expect(v.counts[v.idOf('the')]).toBe(3);
    expect(v.idOf('dog')).toBe(v.unkId); // 'dog' only in valid
    expect(Array.from(c.valid ?? [])).toEqual([v.idOf('the'), v.unkId, v.idOf('sat'), v.eosId]);
    expect(Array.from(c.test ?? [])).toEqual([v.idOf('mat'), v.idOf('cat'), v.eosId]);
    expect(c.train[3]).toBe(v.unkId);
  });

  it('accepts texts directly and honours minCount', async () => {
    const c = await loadTextCorpus({ train: TRAIN }, { fromFiles: false, minCount: 2 });
    expect(c.vocabulary.words).toEqual(['<unk>', '</s>', 'the', 'sat']);
    expect(c.valid).toBeUndefined();
  });

  it('names an unreadable file', async () => {
    const dir = await tempDir();
    const e = await catchAsync(loadTextCorpus({ train: join(dir, 'missing.txt') }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.file).toBe(join(dir, 'missing.txt'));
  });
});
