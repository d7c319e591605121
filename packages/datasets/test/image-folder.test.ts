import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImageFolder } from '../src/image-folder';
import { catchAsync, tempDir } from './helpers';
import { jpegBytes, pngBytes, twoTone } from './image-helpers';

async function antsAndBees(): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, 'bees'));
  await mkdir(join(root, 'ants'));
  await writeFile(join(root, 'ants', 'b.jpg'), jpegBytes(40, 30));
  await writeFile(join(root, 'ants', 'a.png'), pngBytes(20, 20));
  await writeFile(join(root, 'ants', 'notes.txt'), 'ignored');
  await writeFile(join(root, 'bees', 'c.JPEG'), jpegBytes(64, 48));
  return root;
}

describe('loadImageFolder', () => {
  it('labels by sorted class folder, decodes PNG/JPEG and resizes to a fixed size', async () => {
    const root = await antsAndBees();
    const ds = await loadImageFolder(root, { size: 16 });
    expect(ds.classNames).toEqual(['ants', 'bees']);
    expect(ds.shape).toEqual([3, 16, 16, 3]);
    expect(Array.from(ds.labels)).toEqual([0, 0, 1]);
    expect(ds.files.map((f) => f.slice(root.length + 1))).toEqual(['ants/a.png', 'ants/b.jpg', 'bees/c.JPEG']);
    // Left half red, right half blue survives decoding and resizing.
    const at = (i: number, y: number, x: number, c: number) => ds.images[((i * 16 + y) * 16 + x) * 3 + c];
    for (let i = 0; i < 3; i++) {
      expect(at(i, 8, 1, 0)).toBeGreaterThan(200);
      expect(at(i, 8, 14, 2)).toBeGreaterThan(200);
      expect(at(i, 8, 14, 0)).toBeLessThan(40);
    }
  });

  it('grayscale, rectangular size and float32 output', async () => {
    const root = await antsAndBees();
    const ds = await loadImageFolder(root, { size: [8, 12], channels: 1, dtype: 'float32' });
    expect(ds.shape).toEqual([3, 8, 12, 1]);
    expect(ds.images).toBeInstanceOf(Float32Array);
    // PNG a.png: red (250,10,10) -> luma (250*299 + 10*587 + 10*114)/1000 = 81.76
    expect(ds.images[4 * 12 + 0] * 255).toBeCloseTo(81.76, 0);
    expect(twoTone(2, 1)[4 + 2]).toBe(250);
  });

  it('reports empty folders, missing roots and undecodable images by path', async () => {
    const root = await antsAndBees();
    await mkdir(join(root, 'wasps'));
    const empty = await catchAsync(loadImageFolder(root, { size: 8 }));
    expect(empty.code).toBe('NOT_FOUND');
    expect(empty.file).toBe(join(root, 'wasps'));
    const bare = await tempDir();
    expect((await catchAsync(loadImageFolder(bare, { size: 8 }))).expected).toMatch(/<class>/);
    const missing = await catchAsync(loadImageFolder(join(bare, 'nope'), { size: 8 }));
    expect(missing.code).toBe('NOT_FOUND');
    const broken = await antsAndBees();
    await writeFile(join(broken, 'bees', 'd.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2, 3]));
    const bad = await catchAsync(loadImageFolder(broken, { size: 8 }));
    expect(bad.code).toBe('UNDECODABLE');
    expect(bad.file).toBe(join(broken, 'bees', 'd.jpg'));
    expect((await catchAsync(loadImageFolder(broken, { size: 0 }))).field).toBe('size');
  });
});
