import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@dlkit/backend';
import { input, layers as tfl, model, type LayersModel } from '@tensorflow/tfjs-layers';
import { initializers } from '@tensorflow/tfjs-layers';
import type { ImageSet } from '../src/image-set';

/** dlkit's default engine (wasm with dlkit's kernels), one thread: the machine is shared. */
export async function engine(): Promise<void> {
  await initBackend({ prefer: 'wasm', threads: 1 });
  tf.enableProdMode();
}

/** A small dense embedding network over `[h, w, 1]` images. */
export function denseBase(h = 4, w = 4, out = 2, seed = 1): LayersModel {
  const x = input({ shape: [h, w, 1] });
  const f = tfl.flatten().apply(x);
  const hdn = tfl.dense({ units: 16, activation: 'relu', kernelInitializer: initializers.glorotUniform({ seed }) }).apply(f);
  const z = tfl.dense({ units: out, kernelInitializer: initializers.glorotUniform({ seed: seed + 1 }) }).apply(hdn);
  return model({ inputs: x, outputs: z as never });
}

/** Seeded uniform numbers. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

/**
 * `perClass` images of `classes` classes, 4×4×1: class k lights the pixels of its own quarter-row pattern,
 * plus uniform noise — separable by a small network.
 */
export function tinyImages(classes = 3, perClass = 40, seed = 3): ImageSet & { labels: Uint8Array } {
  const rnd = lcg(seed);
  const n = classes * perClass;
  const images = new Float32Array(n * 16);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = i % classes;
    labels[i] = k;
    for (let p = 0; p < 16; p++) images[i * 16 + p] = 0.3 * rnd() + (p % classes === k ? 1 : 0);
  }
  return { images, labels, shape: [n, 4, 4, 1] };
}
