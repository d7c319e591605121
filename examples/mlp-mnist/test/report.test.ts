import { confusionMatrix } from '@dlkit/metrics';
import type { EpochRecord } from '@dlkit/models';
import { describe, expect, it } from 'vitest';
import { studyReportHtml, type StudyReport } from '../src/report';

const history = (losses: number[]): EpochRecord[] =>
  losses.map((loss, i) => ({
    epoch: i + 1,
    loss,
    accuracy: 1 - loss / 3,
    valLoss: null,
    valAccuracy: null,
    learningRate: 0.1,
    seconds: 1,
    samplesPerSecond: 100,
  }));
const cm = confusionMatrix(new Int32Array([0, 1, 2, 2, 1, 0]), new Int32Array([0, 1, 2, 1, 1, 0]), { labels: [0, 1, 2] });
const classNames = ['zero', 'one', '<two>'];

function report(): StudyReport {
  const folds = [1, 2].map((fold) => ({
    fold,
    valSize: 6,
    valAccuracy: 5 / 6,
    history: history([2, 1.2, NaN]),
    confusion: cm,
    reportText: 'precision recall',
  }));
  return {
    info: { data: 'MNIST sample', seed: 1 },
    classNames,
    settings: [
      { name: 'relu', description: 'ReLU, SGD 0.1', mean: 0.9, std: 0.01, seconds: 3, folds },
      { name: 'sigmoid', description: 'sigmoid', mean: 0.8, std: 0.02, seconds: 3, folds },
    ],
    best: 'relu',
    test: {
      setting: 'relu',
      accuracy: 0.91,
      loss: 0.3,
      history: history([1.5, 0.8]),
      confusion: cm,
      reportText: 'accuracy 0.91',
      trainSeconds: 4,
    },
    image: { index: 7, label: 2, predicted: 2, probabilities: [0.1, 0.2, 0.7] },
    timing: { total: 12.34 },
  };
}

describe('studyReportHtml', () => {
  it('shows the cross-validation table with the best setting shaded, loss curves, per-fold and test confusion matrices', () => {
    const page = studyReportHtml(report());
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<tr class="best"><th>relu</th><td class="l">ReLU, SGD 0.1</td><td>90.00 %</td>');
    // mean-loss chart, per-fold chart, 2 fold matrices, test curve, test matrix
    expect(page.match(/<svg /g)).toHaveLength(6);
    expect(page.match(/<svg class="chart confusion-matrix"/g)).toHaveLength(3);
    expect(page).toContain('fold 1: 83.33 % of 6');
    expect(page).toContain('&lt;two&gt;');
    expect(page).not.toContain('<two>');
    expect(page).toContain('Test image #7 (true &lt;two&gt;, predicted &lt;two&gt;)');
    expect(page).toContain('<div class="bar" style="width:210.0px"></div>');
    expect(page).toContain('<th>total</th><td>12.3 s</td>');
  });
});
