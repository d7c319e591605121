import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { encodePng } from '@dlkit/report';
import { syntheticCifar100Records } from '@dlkit-examples/common';

/** Options of {@link writeStandInFolder}. */
export interface StandInFolderOptions {
  /** Class folder names. Default `['ants', 'bees']`. */
  classes?: readonly string[];
  /** CIFAR-100 stand-in fine classes drawn for each class. Default `[13, 47]` (shapes the base net has seen, new hues). */
  fineClasses?: readonly number[];
  /** Training images per class. Default 60. */
  trainPerClass?: number;
  /** Validation images per class. Default 40. */
  valPerClass?: number;
  /** Side of the written PNGs (the 32×32 drawings upscaled, nearest neighbour). Default 64. */
  size?: number;
  /** Seed of the drawings. Default 0. */
  seed?: number;
}

/**
 * Writes a small ants/bees-style image folder — `root/train/<class>/<i>.png` and `root/val/<class>/<i>.png` —
 * from the generated CIFAR-100 stand-in's drawings, as PNG files that `loadImageFolder` reads. Returns the
 * class names.
 *
 * @example
 * ```ts
 * await writeStandInFolder('/tmp/hymenoptera', { trainPerClass: 60, valPerClass: 40 });
 * const train = await loadImageFolder('/tmp/hymenoptera/train', { size: 32, dtype: 'float32' });
 * ```
 */
export async function writeStandInFolder(root: string, options: StandInFolderOptions = {}): Promise<string[]> {
  const classes = [...(options.classes ?? ['ants', 'bees'])];
  const fine = options.fineClasses ?? [13, 47];
  if (fine.length !== classes.length || fine.some((f) => !Number.isInteger(f) || f < 0 || f > 99)) {
    throw new RangeError(
      `writeStandInFolder: fineClasses must hold one CIFAR-100 class id (0–99) per class, got ${JSON.stringify(fine)}`,
    );
  }
  const trainPer = options.trainPerClass ?? 60;
  const valPer = options.valPerClass ?? 40;
  const size = options.size ?? 64;
  const seed = options.seed ?? 0;
  // Every fine class appears once per 100 records; draw enough for both splits.
  const records = syntheticCifar100Records(trainPer + valPer, seed);
  const recordSize = 2 + 3 * 32 * 32;
  const scale = size / 32;
  const rgb = new Uint8Array(size * size * 3);
  for (let c = 0; c < classes.length; c++) {
    for (const split of ['train', 'val'] as const) await mkdir(join(root, split, classes[c]), { recursive: true });
    for (let k = 0; k < trainPer + valPer; k++) {
      const at = (k * 100 + fine[c]) * recordSize + 2; // planes R, G, B of 32×32
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const p = Math.floor(y / scale) * 32 + Math.floor(x / scale);
          for (let ch = 0; ch < 3; ch++) rgb[(y * size + x) * 3 + ch] = records[at + ch * 1024 + p];
        }
      }
      const split = k < trainPer ? 'train' : 'val';
      const name = `${classes[c]}_${String(k).padStart(4, '0')}.png`;
      await writeFile(
        join(root, split, classes[c], name),
        encodePng({ width: size, height: size, channels: 3, pixels: rgb }, { compress: (d) => deflateSync(d) }),
      );
    }
  }
  return classes;
}
