import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readIdxFile, readMaybeGzip } from '../src/idx';
import { isGzip, parseIdx } from '../src/idx-parse';
import { catchAsync as errAsync, catchSync as err, gzip, idxBytes, tempDir } from './helpers';

describe('parseIdx', () => {
  it('decodes uint8 data with its shape', () => {
    const r = parseIdx(idxBytes([2, 3], Uint8Array.of(1, 2, 3, 4, 5, 6)));
    expect(r.dtype).toBe('uint8');
    expect(r.shape).toEqual([2, 3]);
    expect(Array.from(r.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('decodes big-endian int32 and float32', () => {
    const i32 = new Uint8Array(8);
    new DataView(i32.buffer).setInt32(0, -5, false);
    new DataView(i32.buffer).setInt32(4, 70000, false);
    expect(Array.from(parseIdx(idxBytes([2], i32, 0x0c)).data)).toEqual([-5, 70000]);
    const f32 = new Uint8Array(4);
    new DataView(f32.buffer).setFloat32(0, 1.5, false);
    const r = parseIdx(idxBytes([1], f32, 0x0d));
    expect(r.dtype).toBe('float32');
    expect(r.data[0]).toBe(1.5);
  });

  it('rejects a wrong magic number, naming file and field', () => {
    const bytes = idxBytes([1], Uint8Array.of(0));
    bytes[0] = 0x12;
    const e = err(() => parseIdx(bytes, { file: 'bad.idx' }));
    expect(e.code).toBe('BAD_FORMAT');
    expect(e.file).toBe('bad.idx');
    expect(e.field).toBe('magic');
    expect(e.received).toBe('0x12000801');
  });

  it('hints at gzip when handed compressed bytes', () => {
    const e = err(() => parseIdx(gzip(idxBytes([1], Uint8Array.of(0))), { file: 'x.gz' }));
    expect(e.hint).toMatch(/gzip/);
  });

  it('rejects an unexpected dtype or rank', () => {
    expect(err(() => parseIdx(idxBytes([2], Uint8Array.of(0, 1)), { rank: 3 })).field).toBe('rank');
    expect(err(() => parseIdx(idxBytes([1], new Uint8Array(4), 0x0c), { dtype: 'uint8' })).field).toBe('dtype');
  });

  it('reports truncated header and data with expected sizes', () => {
    const full = idxBytes([10, 28, 28], new Uint8Array(7840));
    const h = err(() => parseIdx(full.subarray(0, 10), { file: 'h.idx' }));
    expect(h.code).toBe('TRUNCATED');
    expect(h.field).toBe('dimensions');
    const d = err(() => parseIdx(full.subarray(0, full.length - 1), { file: 'd.idx' }));
    expect(d.code).toBe('TRUNCATED');
    expect(d.field).toBe('data');
    expect(d.expected).toContain('7840 bytes');
    expect(err(() => parseIdx(new Uint8Array(2))).field).toBe('magic');
  });

  it('rejects trailing bytes', () => {
    const bytes = idxBytes([2], Uint8Array.of(1, 2, 3));
    bytes[7] = 2;
    const e = err(() => parseIdx(bytes));
    expect(e.code).toBe('MISMATCH');
  });

  it('returns data that does not alias the input buffer', () => {
    const bytes = idxBytes([2], Uint8Array.of(1, 2));
    const r = parseIdx(bytes);
    bytes[8] = 99;
    expect(r.data[0]).toBe(1);
  });
});

describe('readIdxFile', () => {
  it('returns plain typed arrays holding only the data, not Buffer views of the file (uint8 and int8)', async () => {
    const dir = await tempDir();
    const u8 = join(dir, 'u8.idx');
    const i8 = join(dir, 'i8.idx');
    await writeFile(u8, idxBytes([3], new Uint8Array([7, 2, 1])));
    await writeFile(i8, idxBytes([3], new Uint8Array([0xff, 0x80, 5]), 0x09));
    const a = await readIdxFile(u8);
    expect(a.data.constructor).toBe(Uint8Array);
    expect(a.data.buffer.byteLength).toBe(3);
    expect(Array.from(a.data)).toEqual([7, 2, 1]);
    const b = await readIdxFile(i8);
    expect(b.data).toBeInstanceOf(Int8Array);
    expect(Array.from(b.data)).toEqual([-1, -128, 5]);
  });

  it('reads plain and gzipped files alike', async () => {
    const dir = await tempDir();
    const raw = idxBytes([3], Uint8Array.of(7, 8, 9));
    await writeFile(join(dir, 'a.idx'), raw);
    await writeFile(join(dir, 'a.idx.gz'), gzip(raw));
    expect(isGzip(gzip(raw))).toBe(true);
    expect(Array.from((await readIdxFile(join(dir, 'a.idx'))).data)).toEqual([7, 8, 9]);
    expect(Array.from((await readIdxFile(join(dir, 'a.idx.gz'))).data)).toEqual([7, 8, 9]);
  });

  it('names the file for a truncated gzip stream, a corrupt one and a missing path', async () => {
    const dir = await tempDir();
    const gz = gzip(
      idxBytes(
        [1000],
        new Uint8Array(1000).map((_, i) => (i * 31) % 256),
      ),
    );
    const cut = join(dir, 'cut.gz');
    await writeFile(cut, gz.subarray(0, gz.length - 20));
    const e1 = await errAsync(readIdxFile(cut));
    expect(e1.code).toBe('TRUNCATED');
    expect(e1.file).toBe(cut);
    const corrupt = join(dir, 'corrupt.gz');
    const bad = gz.slice();
    bad.fill(0xaa, 10, 40);
    await writeFile(corrupt, bad);
    const e2 = await errAsync(readMaybeGzip(corrupt));
    expect(['BAD_FORMAT', 'TRUNCATED']).toContain(e2.code);
    expect(e2.file).toBe(corrupt);
    const missing = join(dir, 'nope.idx');
    const e3 = await errAsync(readIdxFile(missing));
    expect(e3.code).toBe('NOT_FOUND');
    expect(e3.file).toBe(missing);
    const e4 = await errAsync(readIdxFile(dir));
    expect(e4.code).toBe('UNREADABLE');
  });
});
