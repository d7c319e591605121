import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractTar } from '../src/tar';
import { parseTar } from '../src/tar-parse';
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
