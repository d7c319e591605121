import { describe, expect, it } from 'vitest';
import { lossCurveSvg } from '../src/loss-curve';
import type { SiameseHistory } from '../src/train-siamese';

const history: SiameseHistory = {
  strategy: 'random', form: 'squared', margin: 1, batchSize: 8, sameFraction: 0.5, steps: 20, stopReason: 'steps', resumedFrom: 0,
  optimizer: { name: 'adam', learningRate: 0.001 },
  trainLoss: new Array(20).fill(0.5),
  evaluations: [
    { step: 0, trainLoss: null, evalLoss: 0.9, elapsedMs: 0 },
    { step: 10, trainLoss: 0.6, evalLoss: 0.5, elapsedMs: 5 },
    { step: 20, trainLoss: 0.4, evalLoss: 0.3, elapsedMs: 9 },
  ],
  elapsedMs: 10,
};

describe('lossCurveSvg', () => {
  it('draws held-out and training curves of each run', () => {
    const svg = lossCurveSvg([{ name: 'A', history }, { name: 'B', history }], { title: 'Runs' });
    expect(svg.startsWith('<svg')).toBe(true);
    for (const s of ['A (held-out)', 'A (train)', 'B (held-out)', 'Runs', 'step = (k − 1) × 10']) expect(svg).toContain(s);
    expect((svg.match(/<polyline|<path/g) ?? []).length).toBeGreaterThanOrEqual(4);
  });

  it('accepts a single history and names it by form and strategy', () => {
    expect(lossCurveSvg(history, { showTrain: false })).toContain('squared + random (held-out)');
    expect(() => lossCurveSvg([])).toThrow(/runs/);
  });
});
