import { describe, expect, it } from 'vitest';
import type { Row } from '../src/embedding';
import { table } from '../src/results-table';

function row(layer: string, epoch: number, features: number, measures: Partial<Row> = {}): Row {
  return {
    layer,
    epoch,
    features,
    testAccuracy: 0.1375,
    trustworthiness: 0.99183,
    knnAccuracy: 0.95,
    klDivergence: 1.02849,
    explainedVariance: 0.8,
    seconds: { extract: 0.2, pca: 1.46, tsne: 4.12, quality: 0.3 },
    tsneMethod: 'barnes-hut/vp-tree',
    tsneThreads: 1,
    svg: `${layer}-epoch${epoch}.svg`,
    png: `${layer}-epoch${epoch}.png`,
    ...measures,
  };
}

describe('results table', () => {
  it('has a header naming k, a rule, and one row per embedding: names left-aligned, numbers right-aligned', () => {
    const text = table([row('flatten', 0, 1024), row('act3', 10, 128, { testAccuracy: 0.984, knnAccuracy: 1 })], 7);
    expect(text.split('\n')).toEqual([
      'layer    dims  epoch  test acc  trustworthiness  7-NN acc (2-D)     KL  PCA s  t-SNE s',
      '-------  ----  -----  --------  ---------------  --------------  -----  -----  -------',
      'flatten  1024      0    13.8 %           0.9918          95.0 %  1.028    1.5      4.1',
      'act3     128      10    98.4 %           0.9918         100.0 %  1.028    1.5      4.1',
    ]);
  });

  it('is only the header and the rule without rows', () => {
    expect(table([], 5).split('\n')).toHaveLength(2);
  });
});
