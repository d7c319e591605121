import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DlkitError } from '@dlkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREPROCESSING_FILE, readPreprocessing, writePreprocessing } from '../src/preprocessing-record';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dlkit-preprocessing-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const record = {
  normalization: { mean: [0.49, 0.48, 0.45], std: [0.25, 0.24, 0.26] },
  trainImages: 50000,
  source: '/data/cifar10',
  classNames: ['airplane', 'automobile'],
};

describe('writePreprocessing / readPreprocessing', () => {
  it('round-trips the statistics a network was trained with, tagged with format and version', async () => {
    const path = await writePreprocessing(join(dir, 'ck', 'variant'), record);
    expect(path).toBe(join(dir, 'ck', 'variant', PREPROCESSING_FILE));
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ format: 'dlkit-preprocessing', version: 1 });
    expect(await readPreprocessing(join(dir, 'ck', 'variant'))).toEqual({ format: 'dlkit-preprocessing', version: 1, ...record });
  });

  it('reads a folder without the file as "no record"', async () => {
    expect(await readPreprocessing(dir)).toBeNull();
  });

  it('refuses a damaged record with an error naming the file and the field, never falling back', async () => {
    const cases: [string, string, RegExp][] = [
      ['cut', '{"format":"dlkit-preprocessing","vers', /not JSON/],
      ['other', JSON.stringify({ format: 'something-else' }), /format: expected "dlkit-preprocessing"/],
      [
        'nan',
        JSON.stringify({
          ...record,
          format: 'dlkit-preprocessing',
          version: 1,
          normalization: { mean: [0.5, null, 0.5], std: [1, 1, 1] },
        }),
        /normalization\.mean/,
      ],
      [
        'zero',
        JSON.stringify({
          ...record,
          format: 'dlkit-preprocessing',
          version: 1,
          normalization: { mean: [0.5, 0.5], std: [1, 0] },
        }),
        /normalization\.std: expected 2 positive/,
      ],
      ['count', JSON.stringify({ ...record, format: 'dlkit-preprocessing', version: 1, trainImages: 0 }), /trainImages/],
    ];
    for (const [name, text, why] of cases) {
      const folder = join(dir, name);
      await writePreprocessing(folder, record);
      await writeFile(join(folder, PREPROCESSING_FILE), text);
      const err = await readPreprocessing(folder).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(DlkitError);
      expect((err as DlkitError).file).toBe(join(folder, PREPROCESSING_FILE));
      expect((err as Error).message, name).toMatch(why);
    }
  });
});
