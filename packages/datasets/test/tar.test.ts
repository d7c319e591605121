import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractTar } from '../src/tar';
import { parseTar, safeEntryPath } from '../src/tar-parse';
import { catchAsync, catchSync, tempDir } from './helpers';

describe('tar reader', () => {
  it('reads archives made by the system tar (gzipped, nested, long names)', async () => {
    const dir = await tempDir();
    const src = join(dir, 'src');
    const longName = `${'x'.repeat(120)}.bin`;
    await mkdir(join(src, 'top', 'sub'), { recursive: true });
    await writeFile(join(src, 'top', 'a.txt'), 'hello');
    await writeFile(join(src, 'top', 'sub', longName), new Uint8Array(1500).fill(7));
    await writeFile(join(src, 'top', 'empty'), '');
    execFileSync('tar', ['-czf', join(dir, 'a.tar.gz'), '-C', src, 'top']);
    const out = join(dir, 'out');
    const entries = await extractTar(join(dir, 'a.tar.gz'), out);
    expect(entries.sort()).toEqual(['top/a.txt', 'top/empty', `top/sub/${longName}`]);
    expect(await readFile(join(out, 'top', 'a.txt'), 'utf8')).toBe('hello');
    expect((await readFile(join(out, 'top', 'sub', longName))).length).toBe(1500);
    expect(existsSync(join(out, 'top', 'empty'))).toBe(true);
  });

  it('rejects bad header checksums and truncated entries', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'f'), new Uint8Array(3000).fill(1));
    execFileSync('tar', ['-cf', join(dir, 'a.tar'), '-C', dir, 'f']);
    const bytes = new Uint8Array(await readFile(join(dir, 'a.tar')));
    const bad = bytes.slice();
    bad[0] ^= 0xff;
    expect(catchSync(() => parseTar(bad, 'bad.tar')).code).toBe('BAD_FORMAT');
    const cut = catchSync(() => parseTar(bytes.subarray(0, 1024), 'cut.tar'));
    expect(cut.code).toBe('TRUNCATED');
    expect(cut.file).toBe('cut.tar');
    await writeFile(join(dir, 'cut.tar'), bytes.subarray(0, 1024));
    const e = await catchAsync(extractTar(join(dir, 'cut.tar'), join(dir, 'never')));
    expect(e.code).toBe('TRUNCATED');
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});

/** One tar header block for a regular file `name` of `size` bytes (ustar, checksum filled in). */
function header(name: string, size: number): Uint8Array {
  const h = new Uint8Array(512);
  const put = (text: string, at: number) => h.set(new TextEncoder().encode(text), at);
  put(name, 0);
  put('0000644\0', 100);
  put('0000000\0', 108);
  put('0000000\0', 116);
  put(`${size.toString(8).padStart(11, '0')}\0`, 124);
  put('00000000000\0', 136);
  h[156] = 0x30;
  put('ustar\x0000', 257);
  h.fill(32, 148, 156);
  const sum = h.reduce((a, b) => a + b, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

function tarOf(files: [string, Uint8Array][]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, data] of files) {
    blocks.push(header(name, data.length));
    const padded = new Uint8Array(Math.ceil(data.length / 512) * 512);
    padded.set(data);
    blocks.push(padded);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((s, b) => s + b.length, 0));
  let off = 0;
  for (const b of blocks) {
    out.set(b, off);
    off += b.length;
  }
  return out;
}

describe('tar entries that name no file inside the archive (issue 16, case 12)', () => {
  it('refuses an entry named ".", "", "..", "a/../..", or absolute with a typed error, writing nothing', async () => {
    const dir = await tempDir();
    const bad = ['.', './', '..', 'a/../..', '/etc/passwd', 'C:/x', 'a/..'];
    for (const [i, name] of bad.entries()) {
      const archive = join(dir, `bad-${i}.tar`);
      await writeFile(
        archive,
        tarOf([
          ['ok.txt', new Uint8Array([1])],
          [name, new Uint8Array([1, 2, 3])],
        ]),
      );
      const e = await catchAsync(extractTar(archive, join(dir, `out-${i}`)));
      expect(e.code, name).toBe('BAD_FORMAT');
      expect(e.file, name).toBe(archive);
      expect(e.field, name).toBe('path');
      expect(e.received, name).toBe(name);
      expect(existsSync(join(dir, `out-${i}`)), name).toBe(false);
    }
    expect(safeEntryPath('./train//cat/./0001.jpg')).toBe('train/cat/0001.jpg');
  });
});
