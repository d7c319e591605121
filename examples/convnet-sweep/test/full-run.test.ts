import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '@dlkit/backend';
import { fixedSubset, loadSweepData, type SweepData } from '../src/data';
import { trainFull } from '../src/full-run';
import { sweepJson, sweepReportHtml } from '../src/report';
import { QUICK } from '../src/quick';
import { runSweep } from '../src/sweep';

let data: SweepData;

beforeAll(async () => {
  await initBackend();
  data = await loadSweepData('mnist');
});

describe('trainFull', () => {
  it('trains the setting on the given images, evaluates on the whole test set and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const trainSet = fixedSubset(data.train, 400, 1);
    const testSet = fixedSubset(data.test, 200);
    const epochs: number[] = [];
    const full = await trainFull({ ...QUICK.baseline, dropout: 0.25 }, trainSet, testSet, {
      epochs: 2,
      seed: 5,
      onProgress: (e) => {
        if (e.type === 'epoch') epochs.push(e.record.epoch);
      },
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(epochs).toEqual([1, 2]);
    expect(full.history).toHaveLength(2);
    expect(full.trainSamples).toBe(400);
    expect(full.testSamples).toBe(200);
    expect(full.evaluation.predictions).toHaveLength(200);
    expect(full.evaluation.report.text).toContain('weighted avg');
    expect(
      full.evaluation.confusionMatrix
        .toArray()
        .flat()
        .reduce((a: number, b: number) => a + b, 0),
    ).toBe(200);
    expect(full.evaluation.accuracy).toBeGreaterThan(0.1); // better than chance after 2 epochs on 400 digits

    const sweep = await runSweep({
      train: data.train,
      evalSet: testSet,
      factors: ['dropout'],
      samples: 40,
      epochs: 1,
      seeds: 1,
      seed: 1,
      baseline: QUICK.baseline,
      levels: QUICK.levels,
    });
    const html = sweepReportHtml(sweep, full, { dataset: 'MNIST', engine: 'test' });
    expect(html).toContain('id="full"');
    expect(html).toContain('Classification report');
    expect(html.match(/<svg /g)?.length).toBe(5); // 2 sweep plots, loss and accuracy curves, confusion matrix
    const json = JSON.parse(JSON.stringify(sweepJson(sweep, full, { dataset: 'MNIST', engine: 'test' })));
    expect(json.full.accuracy).toBe(full.evaluation.accuracy);
    expect(json.full.confusionMatrix).toHaveLength(10);
    expect(json.full.report.accuracy).toBe(full.evaluation.accuracy);
    expect(Object.keys(json.full.perClassAccuracy)).toHaveLength(10);
    expect(json.full.history).toHaveLength(2);
  });
});
