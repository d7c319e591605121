import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { gunzip } from '../src/gunzip';
import { catchAsync, gzip } from './helpers';
import { bytes } from './http-server';

describe('gunzip (DecompressionStream)', () => {
  it('round-trips with zlib for empty, small and multi-chunk inputs', async () => {
    for (const n of [0, 1, 1000, 300_000]) {
      const raw = bytes(n, n + 3);
      const out = await gunzip(gzip(raw));
      expect(out.length, `length ${n}`).toBe(n);
      expect(Buffer.from(out).equals(gunzipSync(gzip(raw))), `length ${n}`).toBe(true);
    }
  });

  it('says TRUNCATED for a cut-off stream and BAD_FORMAT for a corrupt one, naming the file', async () => {
    const gz = gzip(bytes(5000, 9));
    const cut = await catchAsync(gunzip(gz.subarray(0, gz.length - 100), 'x.gz'));
    expect(cut.code).toBe('TRUNCATED');
    expect(cut.file).toBe('x.gz');
    expect(cut.field).toBe('gzip');
    const corrupt = gz.slice();
    corrupt.fill(0xff, 10, 40);
    expect((await catchAsync(gunzip(corrupt, 'y.gz'))).code).toBe('BAD_FORMAT');
    const notGzip = await catchAsync(gunzip(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])));
    expect(notGzip.code).toBe('BAD_FORMAT');
    expect(notGzip.file).toBe('<bytes>');
  });
});
