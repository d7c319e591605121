import * as tf from '@tensorflow/tfjs-core';
import { layers as tfl, sequential } from '@tensorflow/tfjs-layers';
import { classificationReport, confusionMatrix, topKAccuracy } from '@dlkit/metrics';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate';
import { predictScores } from '../src/predict';
import { ModelsError } from '../src/errors';
import { cpu } from './helpers';

beforeAll(cpu);

/** A fixed "model": softmax of the input itself, so the expected scores are known. */
function identitySoftmax(classes: number) {
  const m = sequential();
  m.add(tfl.activation({ activation: 'softmax', inputShape: [classes] }));
  return m;
}

describe('evaluate', () => {
  const logits = [
    [3, 1, 0],
    [0, 2, 1],
    [0, 1, 2],
    [2, 0, 1],
    [1, 0, 2],
    [0, 3, 1],
    [1, 2, 0],
    [0, 0, 5],
  ];
  const data = {
    images: Float32Array.from(logits.flat()),
    shape: [8, 3],
    labels: new Uint8Array([0, 1, 2, 0, 0, 1, 2, 2]),
    classNames: ['a', 'b', 'c'],
  };

  it('returns @dlkit/metrics results equal to computing them directly', () => {
    const before = tf.memory().numTensors;
    const ev = evaluate(identitySoftmax(3), data, { batchSize: 3, topK: [1, 2] });
    expect(tf.memory().numTensors).toBe(before);
    const pred = [0, 1, 2, 0, 2, 1, 1, 2];
    expect(Array.from(ev.predictions)).toEqual(pred);
    expect(ev.accuracy).toBe(6 / 8);
    expect(ev.confusionMatrix.toArray()).toEqual(confusionMatrix(data.labels, pred).toArray());
    expect(ev.report.text).toBe(classificationReport(data.labels, pred, { targetNames: ['a', 'b', 'c'], digits: 4 }).text);
    expect(ev.topK[2]).toBe(topKAccuracy({ data: ev.scores, shape: [8, 3] }, data.labels, 2));
    expect(ev.topK[5]).toBeUndefined();
    expect(Array.from(ev.perClass.accuracy)).toEqual([2 / 3, 1, 2 / 3]);
    const p = logits.map((r, i) => Math.exp(r[data.labels[i]]) / r.reduce((s, v) => s + Math.exp(v), 0));
    expect(ev.loss).toBeCloseTo(-p.reduce((s, v) => s + Math.log(v), 0) / 8, 5);
  });

  it('predictScores returns the model outputs row by row', () => {
    const s = predictScores(identitySoftmax(3), data, { batchSize: 5 });
    expect([s.rows, s.cols]).toEqual([8, 3]);
    expect(s.data[0]).toBeCloseTo(Math.exp(3) / (Math.exp(3) + Math.exp(1) + 1), 6);
  });

  it('checks the class names against the model', () => {
    expect(() => evaluate(identitySoftmax(3), { ...data, classNames: ['x', 'y'] })).toThrow(/classNames/);
  });
});

describe('evaluate: bad labels and shapes', () => {
  const rows = 14;
  const images = Float32Array.from({ length: rows * 3 }, (_, i) => (i % 5) / 5);
  const labels = Uint8Array.from({ length: rows }, (_, i) => i % 3);

  it('names the data and the first bad label (not an option of another package)', () => {
    const bad = Uint8Array.from(labels);
    bad[12] = 7;
    const error = (() => {
      try {
        evaluate(identitySoftmax(3), { images, shape: [rows, 3], labels: bad });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ModelsError);
    expect((error as ModelsError).message).toBe(
      'data.labels[12]: expected an integer class id in [0, 3) (the model has 3 outputs), received 7',
    );
    const e2 = (() => {
      try {
        evaluate(identitySoftmax(3), { images, shape: [rows, 3], labels: Array.from(labels, (v, i) => (i === 4 ? -1 : v)) });
      } catch (e) {
        return e as ModelsError;
      }
    })();
    expect(e2?.argument).toBe('data.labels[4]');
  });

  it("names the model's input shape and the data's, and leaks nothing", () => {
    const before = tf.memory().numTensors;
    expect(() => evaluate(identitySoftmax(3), { images: new Float32Array(rows * 4), shape: [rows, 4], labels })).toThrow(
      "data.shape: expected samples of shape [3] (the model's input shape is [null, 3]), received [14, 4]",
    );
    expect(() => predictScores(identitySoftmax(3), { images: new Float32Array(rows * 4), shape: [rows, 2, 2] })).toThrow(
      "inputs.shape: expected samples of shape [3] (the model's input shape is [null, 3]), received [14, 2, 2]",
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
