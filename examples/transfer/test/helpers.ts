import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CIFAR10_CLASS_NAMES } from '@dlkit/datasets';

const RECORD = 1 + 3 * 32 * 32;

/**
 * Writes a small CIFAR-10 in the official binary format (`cifar-10-batches-bin/data_batch_1..5.bin`,
 * `test_batch.bin`, `batches.meta.txt`) with the images ordered class by class, as an image tree is read — so
 * a "first N" selection would show. Each image says where it came from: its first red byte is `label × 20` and
 * its first green byte its index within the class (mod 256); the other bytes vary with class and position, so
 * the classes can be learnt a little.
 */
export async function writeOrderedCifar10(root: string, trainPerClass: number, testPerClass: number): Promise<string> {
  const records = (perClass: number, salt: number) => {
    const out = new Uint8Array(10 * perClass * RECORD);
    for (let c = 0; c < 10; c++)
      for (let i = 0; i < perClass; i++) {
        const at = (c * perClass + i) * RECORD;
        out[at] = c;
        for (let p = 0; p < 3072; p++) out[at + 1 + p] = (c * 25 + ((p * (c + 3) + i * 7 + salt) % 60)) % 256;
        out[at + 1] = c * 20;
        out[at + 1 + 1024] = i % 256;
      }
    return out;
  };
  const dir = join(root, 'cifar-10-batches-bin');
  await mkdir(dir, { recursive: true });
  const train = records(trainPerClass, 0);
  const n = 10 * trainPerClass;
  for (let b = 0; b < 5; b++) {
    const from = Math.floor((b * n) / 5);
    const to = Math.floor(((b + 1) * n) / 5);
    await writeFile(join(dir, `data_batch_${b + 1}.bin`), train.subarray(from * RECORD, to * RECORD));
  }
  await writeFile(join(dir, 'test_batch.bin'), records(testPerClass, 1));
  await writeFile(join(dir, 'batches.meta.txt'), `${CIFAR10_CLASS_NAMES.join('\n')}\n`);
  return dir;
}

/** The original class and within-class index a {@link writeOrderedCifar10} image carries (uint8 NHWC). */
export function origin(images: Uint8Array, row: number): { label: number; index: number } {
  const at = row * 3072;
  return { label: images[at] / 20, index: images[at + 1] };
}
