import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@dlkit/backend';
import { SCORED_IMAGE_COST, formatEstimate } from '@dlkit-examples/common';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Data } from '../src/data';
import { estimateRun } from '../src/estimate';
import { defaultOptions } from './options-fixture';

beforeAll(async () => {
  await initBackend();
});

/** `n` standardised-looking 28×28 grey images in ten classes. */
function images(n: number) {
  return {
    images: new Float32Array(n * 28 * 28).map((_, i) => ((i * 7919) % 255) / 127 - 1),
    labels: new Uint8Array(n).map((_, i) => i % 10),
    shape: [n, 28, 28, 1] as [number, number, number, number],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  };
}

const DATA: Data = {
  trainSet: images(64),
  testSet: images(40),
  labels: Int32Array.from(images(40).labels),
  trainSize: 64,
  testSize: 40,
  title: 'generated',
  source: 'generated images',
};

describe('the time estimate', () => {
  it('times the network on a few batches and counts every trained image plus a third of every scored one', async () => {
    const options = defaultOptions({ batchSize: 8, epochs: 3, snapshots: [0, 1, 3], layerNames: ['flatten', 'act3'] });
    const before = tf.memory().numTensors;
    const estimate = await estimateRun(options, DATA);
    expect(tf.memory().numTensors).toBe(before); // the throwaway network is disposed
    expect(estimate.secondsPerImage).toBeGreaterThan(0);
    // 3 epochs of 64 images; at each of 3 snapshots, 40 test images through 2 layers and the output.
    const images = 3 * 64 + SCORED_IMAGE_COST * 3 * (2 + 1) * 40;
    expect(estimate.seconds).toBeCloseTo(estimate.secondsPerImage * images, 10);
    // The line every example prints before a long run, with what was counted.
    expect(estimate.line).toBe(
      formatEstimate(
        estimate.seconds,
        `${(estimate.secondsPerImage * 1000).toFixed(2)} ms/image × 3 epochs of 64 images + ` +
          '3 snapshots × 3 forward passes of 40 test images; PCA and t-SNE not counted',
      ),
    );
  });

  it('speaks in the singular for one epoch and one snapshot', async () => {
    const estimate = await estimateRun(defaultOptions({ batchSize: 8, epochs: 1, snapshots: [1], layerNames: ['act3'] }), DATA);
    expect(estimate.seconds).toBeCloseTo(estimate.secondsPerImage * (64 + SCORED_IMAGE_COST * 2 * 40), 10);
    expect(estimate.line).toContain('ms/image × 1 epoch of 64 images + 1 snapshot × 2 forward passes of 40 test images;');
  });
});
