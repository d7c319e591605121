import { existsSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPtb } from '../src/ptb';
import { PTB_RESOURCES } from '../src/ptb-resources';
import { catchAsync, tempDir } from './helpers';
import { TestServer, md5 } from './http-server';

const WORDS = ['the', 'N', 'of', '<unk>', 'a', 'in', 'to', 'and', 'stock', 'market', 'rates', 'fell', 'said', 'year'];

/** Lines in the PTB files' own shape: a leading space, words separated by one space, a trailing space. */
function corpus(lines: number, seed: number, extra: string[] = []): { text: string; words: number } {
  let x = seed;
  let words = 0;
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    const row: string[] = [];
    const length = 3 + (l % 9);
    for (let k = 0; k < length; k++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      row.push(WORDS[x % WORDS.length]);
    }
    if (l < extra.length) row.push(extra[l]);
    words += row.length;
    out.push(` ${row.join(' ')} `);
  }
  return { text: `${out.join('\n')}\n`, words };
}

const files = {
  train: corpus(400, 1),
  valid: corpus(40, 2, ['zebra', 'quagga']), // words the training text never has: <unk>
  test: corpus(50, 3),
};

async function writeCorpus(dir: string): Promise<void> {
  for (const split of ['train', 'valid', 'test'] as const)
    await writeFile(join(dir, PTB_RESOURCES.files[split].name), files[split].text);
}

let server: TestServer;
beforeAll(async () => {
  server = new TestServer();
  await server.start();
});
afterAll(() => server.stop());

describe('loadPtb', () => {
  it('reads the three files with the standard protocol: </s> per line, vocabulary from train, <unk> elsewhere', async () => {
    const root = await tempDir();
    await writeCorpus(root);
    const ptb = await loadPtb({ root });
    expect(ptb.train.length).toBe(files.train.words + 400);
    expect(ptb.valid.length).toBe(files.valid.words + 40);
    expect(ptb.test.length).toBe(files.test.words + 50);
    expect(ptb.vocabulary.size).toBe(WORDS.length + 1); // the words (with <unk>) and </s>
    expect(ptb.vocabulary.wordOf(0)).toBe('<unk>');
    expect(ptb.vocabulary.wordOf(1)).toBe('</s>');
    expect(ptb.train.filter((id) => id === 1).length).toBe(400);
    // The first valid line ends with 'zebra' then </s>: unseen in train, so <unk>.
    const firstEos = ptb.valid.indexOf(1);
    expect(Array.from(ptb.valid.subarray(firstEos - 1, firstEos + 1))).toEqual([0, 1]);
    expect(ptb.files.test).toBe(join(root, 'ptb.test.txt'));
  });

  it('names the missing file and says how to get it', async () => {
    const root = await tempDir();
    await writeCorpus(root);
    await rm(join(root, 'ptb.valid.txt'));
    const e = await catchAsync(loadPtb({ root }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.file).toBe(join(root, 'ptb.valid.txt'));
    expect(e.hint).toContain('download: true');
    expect(e.dataset).toBe('ptb');
  });

  it('downloads the three files from a mirror, md5-verified, then reads them offline from the cache', async () => {
    const md5s = {
      train: md5(Buffer.from(files.train.text)),
      valid: md5(Buffer.from(files.valid.text)),
      test: md5(Buffer.from(files.test.text)),
    };
    for (const split of ['train', 'valid', 'test'] as const)
      server.route(`/ptb/data/${PTB_RESOURCES.files[split].name}`, { kind: 'ok', body: Buffer.from(files[split].text) });
    const root = await tempDir();
    const ptb = await loadPtb({ root, download: true, mirrors: [server.url('/missing/'), server.url('/ptb/data')], md5: md5s });
    expect(ptb.train.length).toBe(files.train.words + 400);
    expect((await readdir(root)).sort()).toEqual(['ptb.test.txt', 'ptb.train.txt', 'ptb.valid.txt']);
    const before = server.requests.length;
    const again = await loadPtb({ root, download: true, offline: true, md5: md5s });
    expect(again.test).toEqual(ptb.test);
    expect(server.requests.length).toBe(before);
  });

  it('refuses files whose md5 is not the official one, keeping nothing', async () => {
    server.route('/fake/ptb.train.txt', { kind: 'ok', body: Buffer.from(files.train.text) });
    const root = await tempDir();
    const e = await catchAsync(loadPtb({ root, download: true, mirrors: [server.url('/fake/')] }));
    expect(e.code).toBe('CHECKSUM');
    expect(e.expected).toContain(PTB_RESOURCES.files.train.md5);
    expect(existsSync(join(root, 'ptb.train.txt'))).toBe(false);
    const offline = await catchAsync(loadPtb({ root, download: true, offline: true }));
    expect(offline.code).toBe('OFFLINE');
  });
});
