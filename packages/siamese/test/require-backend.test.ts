import { initBackend } from '@dlkit/backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { embeddingConvNet, gatherImages, SiameseError } from '../src/index';

const HINT =
  "Call `await initBackend()` from '@dlkit/backend' first (in a browser: `await initBrowserBackend()` from '@dlkit/backend/browser')";
const images = {
  images: new Float32Array(2 * 4),
  labels: new Uint8Array([0, 1]),
  shape: [2, 2, 2, 1] as [number, number, number, number],
};

// This file runs in its own process (vitest forks): no engine is chosen or registered until the last test.
describe('requireBackend: before any engine is chosen', () => {
  for (const [name, call] of [
    ['embeddingConvNet', () => embeddingConvNet()],
    ['gatherImages', () => gatherImages(images, [0, 1])],
  ] as const) {
    it(`${name} says to call initBackend instead of tfjs's "No backend found in registry"`, () => {
      let err: unknown;
      try {
        call();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SiameseError);
      expect((err as Error).message).toBe(
        `${name}: expected an engine chosen before a network is built or images become tensors, received "no TensorFlow.js engine (none chosen, none registered)". ${HINT}`,
      );
    });
  }

  it('once initBackend has run, they work', async () => {
    expect(tf.getBackend()).toBeFalsy();
    await initBackend({ prefer: 'cpu', strict: true });
    const x = gatherImages(images, [1]);
    expect(x.shape).toEqual([1, 2, 2, 1]);
    x.dispose();
  });
});
