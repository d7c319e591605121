import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll } from 'vitest';

const created: string[] = [];

// Registered once, while the test file imports this module: vitest silently drops an `afterAll` registered
// later (inside a test or hook), which is where `tempDir` is mostly called.
afterAll(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test file (whether made at file level, in a hook or in a test). */
export async function tempDir(prefix = 'dlkit-datasets-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Encodes uint8 data as an IDX file. */
export function idxBytes(shape: number[], data: Uint8Array, typeCode = 0x08): Uint8Array {
  const header = new Uint8Array(4 + 4 * shape.length);
  const view = new DataView(header.buffer);
  header[2] = typeCode;
  header[3] = shape.length;
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

/** A tiny MNIST-like pair: `n` images of 28×28 with pixel value (i*7+p)%256, labels i%10. */
export function tinyMnist(n: number): { images: Uint8Array; labels: Uint8Array } {
  const pixels = new Uint8Array(n * 784);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (Math.floor(i / 784) * 7 + (i % 784)) % 256;
  const labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  return { images: idxBytes([n, 28, 28], pixels), labels: idxBytes([n], labels) };
}

export const gzip = (b: Uint8Array): Uint8Array => gzipSync(b);

import { DatasetError } from '../src/errors';

/** Runs `fn` and returns the DatasetError it throws (fails otherwise). */
export function catchSync(fn: () => unknown): DatasetError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DatasetError) return e;
    throw e;
  }
  throw new Error('expected a DatasetError');
}

/** Awaits `p` and returns the DatasetError it rejects with (fails otherwise). */
export async function catchAsync(p: Promise<unknown>): Promise<DatasetError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DatasetError) return e;
    throw e;
  }
  throw new Error('expected a DatasetError');
}
