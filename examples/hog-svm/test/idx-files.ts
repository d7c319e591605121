import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** An IDX file: magic (0, 0, type 0x08 = unsigned byte, number of dimensions), the sizes big-endian, the bytes. */
function idx(dims: number[], bytes: Uint8Array): Buffer {
  const head = Buffer.alloc(4 + 4 * dims.length);
  head.writeUInt8(0x08, 2);
  head.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => head.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([head, bytes]);
}

/**
 * `perClass` 28×28 images of each of ten classes, class by class: class c is a bright bar through the
 * middle at c × 18° with a little shift and noise that vary per image, so HOG sees one orientation per class.
 */
function images(perClass: number, salt: number): { images: Uint8Array; labels: Uint8Array } {
  const n = 10 * perClass;
  const pixels = new Uint8Array(n * 784);
  const labels = new Uint8Array(n);
  let state = 12345 + salt;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  for (let c = 0; c < 10; c++)
    for (let i = 0; i < perClass; i++) {
      const k = c * perClass + i;
      labels[k] = c;
      const angle = (c * Math.PI) / 10;
      const shift = (random() - 0.5) * 4;
      for (let y = 0; y < 28; y++)
        for (let x = 0; x < 28; x++) {
          // Distance from the line through the (shifted) centre at `angle`.
          const d = Math.abs(-(x - 13.5) * Math.sin(angle) + (y - 13.5) * Math.cos(angle) - shift);
          const bar = Math.hypot(x - 13.5, y - 13.5) < 12 && d < 1.5 ? 220 : 0;
          pixels[k * 784 + y * 28 + x] = Math.min(255, bar + Math.floor(random() * 30));
        }
    }
  return { images: pixels, labels };
}

/**
 * Writes a small Fashion-MNIST in the official IDX format to `root` (the four gzipped files, as the Debian
 * package and the mirrors name them): `trainPerClass` and `testPerClass` generated images of each class.
 */
export async function writeFashionIdx(root: string, trainPerClass: number, testPerClass: number): Promise<string> {
  await mkdir(root, { recursive: true });
  const parts = [
    ['train', images(trainPerClass, 0)],
    ['t10k', images(testPerClass, 1)],
  ] as const;
  for (const [name, d] of parts) {
    await writeFile(join(root, `${name}-images-idx3-ubyte.gz`), gzipSync(idx([d.labels.length, 28, 28], d.images)));
    await writeFile(join(root, `${name}-labels-idx1-ubyte.gz`), gzipSync(idx([d.labels.length], d.labels)));
  }
  return root;
}
