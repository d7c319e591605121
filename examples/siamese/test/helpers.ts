import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** An IDX file (big-endian header: two zero bytes, type 0x08 = unsigned byte, rank, then each dimension). */
function idx(dims: number[], bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + bytes.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x0800 + dims.length);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(bytes, 4 + 4 * dims.length);
  return out;
}

/**
 * Images of 28×28 whose class shows faintly (a band of rows and one of columns at a class-dependent place)
 * under seeded noise: a twin net learns a little from a few steps, yet the classes are not trivially apart.
 */
function images(perClass: number, seed: number): { pixels: Uint8Array; labels: Uint8Array } {
  const n = 10 * perClass;
  const pixels = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    const c = i % 10;
    labels[i] = c;
    for (let p = 0; p < 784; p++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      const row = Math.floor(p / 28);
      const col = p % 28;
      const band = (row >= 2 * c + 2 && row < 2 * c + 6) || (col >= 2 * c + 2 && col < 2 * c + 5);
      pixels[i * 784 + p] = (band ? 50 : 0) + (s >>> 25);
    }
  }
  return { pixels, labels };
}

/**
 * Writes a tiny Fashion-MNIST in the official IDX format, uncompressed (`train-images-idx3-ubyte`,
 * `train-labels-idx1-ubyte`, `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`), as `loadMnist` reads from
 * `--root`: `trainPerClass` and `testPerClass` images of each of the 10 classes, labels cycling 0…9.
 */
export async function writeTinyFashionMnist(root: string, trainPerClass: number, testPerClass: number): Promise<string> {
  await mkdir(root, { recursive: true });
  for (const [prefix, perClass, seed] of [
    ['train', trainPerClass, 1],
    ['t10k', testPerClass, 2],
  ] as const) {
    const { pixels, labels } = images(perClass, seed);
    await writeFile(join(root, `${prefix}-images-idx3-ubyte`), idx([labels.length, 28, 28], pixels));
    await writeFile(join(root, `${prefix}-labels-idx1-ubyte`), idx([labels.length], labels));
  }
  return root;
}
