import '@tensorflow/tfjs-backend-cpu';
import { initBackend } from '@dlkit/backend';
import type { Sequential } from '@tensorflow/tfjs-layers';
import { mlp } from '../src/zoo/mlp';
import type { LabeledData } from '../src/data';

/** Deterministic tests run on the pure-JS cpu engine (bit-identical runs). */
export async function cpu(): Promise<void> {
  await initBackend({ prefer: 'cpu', strict: true });
}

/** The XOR problem, each corner repeated `reps` times. */
export function xorData(reps = 8): LabeledData {
  const corners = [
    [0, 0, 0],
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ];
  const images = new Float32Array(corners.length * reps * 2);
  const labels = new Uint8Array(corners.length * reps);
  for (let r = 0; r < reps; r++) {
    corners.forEach(([a, b, y], i) => {
      const k = r * 4 + i;
      images[2 * k] = a;
      images[2 * k + 1] = b;
      labels[k] = y;
    });
  }
  return { images, labels, shape: [labels.length, 2], classNames: ['zero', 'one'] };
}

/** Two Gaussian blobs in `dims` dimensions, linearly separable. */
export function blobs(n: number, dims = 4, seed = 1): LabeledData {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const images = new Float32Array(n * dims);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 2;
    for (let d = 0; d < dims; d++) images[i * dims + d] = (labels[i] ? 1.5 : -1.5) + (rnd() - 0.5);
  }
  return { images, labels, shape: [n, dims] };
}

/** A tiny seeded MLP (tanh hidden layer, softmax output). */
export function tinyMlp(inputs = 2, hidden = 8, classes = 2, seed = 3): Sequential {
  return mlp({ inputShape: [inputs], hidden: [hidden], activation: 'tanh', numClasses: classes, stddev: 1, seed });
}
