import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { initBackend } from '@dlkit/backend';
import { loadMnist } from '@dlkit/datasets';
import { train } from '@dlkit/models';
import { writePreprocessing } from '@dlkit-examples/common';
import { initializers, type LayersModel, sequential, layers as tfl } from '@tensorflow/tfjs-layers';
import { vi } from 'vitest';
import { standardised } from '../src/data';

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

/** Per-channel statistics the tiny classifier's preprocessing.json records (one channel: Fashion-MNIST). */
export const TINY_STATS = { mean: [0.2], std: [0.3] };

/**
 * A small classifier of 28×28×1 images with seeded initial weights: conv 4 maps 5×5 → pool → `fc` 8 ReLU →
 * `out` softmax over 10 classes. The same seed gives the same initial weights on every build.
 */
export function tinyClassifier(seed = 7): LayersModel {
  const init = (k: number) => initializers.glorotUniform({ seed: seed + k });
  const model = sequential({ name: 'tiny-classifier' });
  model.add(
    tfl.conv2d({
      inputShape: [28, 28, 1],
      filters: 4,
      kernelSize: 5,
      activation: 'relu',
      kernelInitializer: init(0),
      name: 'conv1',
    }),
  );
  model.add(tfl.maxPooling2d({ poolSize: 2, name: 'pool1' }));
  model.add(tfl.flatten({ name: 'flatten' }));
  model.add(tfl.dense({ units: 8, activation: 'relu', kernelInitializer: init(1), name: 'fc' }));
  model.add(tfl.dense({ units: 10, activation: 'softmax', kernelInitializer: init(2), name: 'out' }));
  return model;
}

/**
 * What cifar-cnn `--checkpoint DIR` leaves for `--start-from`: {@link tinyClassifier} trained for two epochs on
 * the tiny Fashion-MNIST under `dataRoot` with a checkpoint after each (`dir/latest.json`, `dir/epoch-0001/`,
 * `dir/epoch-0002/`), and `dir/preprocessing.json` with {@link TINY_STATS}. Returns `dir`.
 */
export async function writeTinyClassifierCheckpoint(dir: string, dataRoot: string): Promise<string> {
  await initBackend({ threads: 1 });
  const { train: raw } = await loadMnist({ variant: 'fashion', root: dataRoot });
  // Trained on the inputs its record describes, as cifar-cnn trains on standardised images.
  const data = standardised(raw, TINY_STATS);
  const model = tinyClassifier();
  try {
    await train(model, data, {
      epochs: 2,
      batchSize: 20,
      seed: 1,
      optimizer: { name: 'adam', learningRate: 0.01 },
      checkpoint: { dir, keep: 2 },
    });
  } finally {
    model.dispose();
  }
  await writePreprocessing(dir, {
    normalization: { mean: [...TINY_STATS.mean], std: [...TINY_STATS.std] },
    trainImages: data.shape[0],
    source: dataRoot,
    classNames: [...data.classNames],
  });
  return dir;
}

/** Runs `f` with `console.log` captured instead of printed: the lines a function reports, for its test to read. */
export async function capturingLog<T>(f: () => Promise<T>): Promise<{ value: T; lines: string[] }> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  try {
    const value = await f();
    return { value, lines: log.mock.calls.map((args) => args.join(' ')) };
  } finally {
    log.mockRestore();
  }
}
