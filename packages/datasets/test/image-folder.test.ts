import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadImageFolder } from '../src/image-folder';
import { catchAsync, tempDir } from './helpers';
import { jpegBytes, jpegHeaderOnly, pngBytes, pngHeaderOnly, twoTone } from './image-helpers';

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
    expect([empty.dataset, missing.dataset]).toEqual(['image-folder', 'image-folder']);
    const broken = await antsAndBees();
    await writeFile(join(broken, 'bees', 'd.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2, 3]));
    const bad = await catchAsync(loadImageFolder(broken, { size: 8 }));
    expect(bad.code).toBe('UNDECODABLE');
    expect(bad.file).toBe(join(broken, 'bees', 'd.jpg'));
    expect((await catchAsync(loadImageFolder(broken, { size: 0 }))).field).toBe('size');
  });
});

describe('loadImageFolder under faults (issue 16, case 12)', () => {
  it('follows symlinked class folders and images, and reads nested folders, in torchvision order', async () => {
    const elsewhere = await tempDir();
    await mkdir(join(elsewhere, 'dogs-real'));
    await writeFile(join(elsewhere, 'dogs-real', 'z.png'), pngBytes(10, 10));
    await writeFile(join(elsewhere, 'shared.jpg'), jpegBytes(12, 12));
    const root = await tempDir();
    await mkdir(join(root, 'cats', 'indoor', 'deep'), { recursive: true });
    await writeFile(join(root, 'cats', 'b.png'), pngBytes(8, 8));
    await writeFile(join(root, 'cats', 'indoor', 'a.png'), pngBytes(8, 8));
    await writeFile(join(root, 'cats', 'indoor', 'deep', 'c.jpg'), jpegBytes(8, 8));
    await symlink(join(elsewhere, 'shared.jpg'), join(root, 'cats', 'link.jpg'));
    await symlink(join(elsewhere, 'dogs-real'), join(root, 'dogs'));
    // A symlink loop must not make the walk run forever (os.walk with followlinks would).
    await symlink(join(root, 'cats'), join(root, 'cats', 'indoor', 'loop'));
    const ds = await loadImageFolder(root, { size: 8 });
    expect(ds.classNames).toEqual(['cats', 'dogs']);
    // torchvision: sorted(os.walk(class_dir, followlinks=True)), then sorted file names in each folder.
    expect(ds.files.map((f) => f.slice(root.length + 1))).toEqual([
      'cats/b.png',
      'cats/link.jpg',
      'cats/indoor/a.png',
      'cats/indoor/deep/c.jpg',
      'dogs/z.png',
    ]);
    expect(Array.from(ds.labels)).toEqual([0, 0, 0, 0, 1]);
  });

  it('refuses an image whose header declares more pixels than the limit, before decoding it', async () => {
    // PIL: DecompressionBombWarning above 89 478 485 pixels, DecompressionBombError above twice that.
    const root = await tempDir();
    await mkdir(join(root, 'bombs'));
    await writeFile(join(root, 'bombs', 'a.png'), pngHeaderOnly(20_000, 20_000));
    const png = await catchAsync(loadImageFolder(root, { size: 8 }));
    expect(png.code).toBe('TOO_LARGE');
    expect(png.file).toBe(join(root, 'bombs', 'a.png'));
    expect(png.received).toBe('20000×20000 = 400000000 pixels');
    expect(png.expected).toContain('178956970');
    const root2 = await tempDir();
    await mkdir(join(root2, 'bombs'));
    await writeFile(join(root2, 'bombs', 'b.jpg'), jpegHeaderOnly(15_000, 15_000));
    const jpg = await catchAsync(loadImageFolder(root2, { size: 8 }));
    expect(jpg.code).toBe('TOO_LARGE');
    expect(jpg.field).toBe('pixels');
  });

  it('warns above warnPixels and refuses above maxPixels, both configurable', async () => {
    const root = await antsAndBees(); // 20×20, 40×30 and 64×48 images
    const warnings: string[] = [];
    const ds = await loadImageFolder(root, { size: 8, warnPixels: 1000, onWarning: (w) => void warnings.push(w) });
    expect(ds.shape[0]).toBe(3);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('b.jpg');
    expect(warnings[0]).toContain('1200 pixels');
    const e = await catchAsync(loadImageFolder(root, { size: 8, maxPixels: 2000 }));
    expect(e.code).toBe('TOO_LARGE');
    expect(e.file).toBe(join(root, 'bees', 'c.JPEG'));
    expect((await catchAsync(loadImageFolder(root, { size: 8, maxPixels: 0 }))).field).toBe('maxPixels');
  });
});
