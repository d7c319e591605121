import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { siamese } from '../src/siamese';
import { embed } from '../src/embed';
import { gatherImages } from '../src/image-set';
import { denseBase, engine, tinyImages } from './helpers';

beforeAll(engine);

describe('embed', () => {
  it('returns one embedding row per image, equal to the embedding model, in the requested order', () => {
    const net = siamese(denseBase(4, 4, 3, 4));
    const data = tinyImages(3, 10, 1);
    const before = tf.memory().numTensors;
    const Z = embed(net, data, { batchSize: 7 });
    expect(tf.memory().numTensors).toBe(before);
    expect([Z.rows, Z.cols, Z.data.length]).toEqual([30, 3, 90]);
    const x = gatherImages(data, [0, 1, 2, 3, 4]);
    const ref = net.embedding.predict(x) as tf.Tensor;
    const r = ref.dataSync();
    for (let i = 0; i < 15; i++) expect(Z.data[i]).toBeCloseTo(r[i], 5);
    const sub = embed(net.embedding, data, { indices: [4, 0] });
    expect(Array.from(sub.data.subarray(0, 3))).toEqual(Array.from(Z.data.subarray(12, 15)));
    expect(Array.from(sub.data.subarray(3, 6))).toEqual(Array.from(Z.data.subarray(0, 3)));
    tf.dispose([x, ref]);
    net.twin.dispose();
  });

  it('scales uint8 pixels to [0, 1]', () => {
    const bytes = new Uint8Array(2 * 16).map((_, i) => (i * 17) % 256);
    const x = gatherImages({ images: bytes, shape: [2, 4, 4, 1], labels: [0, 1] }, [1]);
    expect(x.shape).toEqual([1, 4, 4, 1]);
    expect(x.dataSync()[0]).toBeCloseTo(bytes[16] / 255, 6);
    x.dispose();
    expect(() => gatherImages({ images: bytes, shape: [2, 4, 4, 1], labels: [0, 1] }, [2])).toThrow(/indices\[0\]/);
  });
});
