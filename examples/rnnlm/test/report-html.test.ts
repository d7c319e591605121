import { describe, expect, it } from 'vitest';
import { rnnlmReportHtml } from '../src/report-html';

const base = {
  data: 'Train: 100 tokens; test: 50 tokens (3 OOV → <unk>)',
  header: ['model', 'test ppl'],
  lines: [
    ['KN5', '148.0'],
    ['RNN H=100', '140.2'],
  ],
  grid: { title: 'Regularisation (RNN H=100, seed 1)', header: ['β', 'test ppl'], lines: [['1e-6', '141.0']] },
};

describe('rnnlmReportHtml', () => {
  it('shows the data, both tables and one chart per perplexity kind, last values in the legend', () => {
    const page = rnnlmReportHtml({
      ...base,
      curves: [{ name: 'RNN H=100', validPerplexity: [300, 200, 150.04], trainPerplexity: [280, 170, 120] }],
    });
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('3 OOV → &lt;unk&gt;');
    expect(page).toContain('<th>KN5</th><td>148.0</td>');
    expect(page).toContain('Regularisation (RNN H=100, seed 1)');
    expect(page.match(/<svg /g)).toHaveLength(2);
    expect(page).toContain('>RNN H=100 (150.0)</text>');
    expect(page).not.toContain('<script');
  });

  it('leaves the charts out when no model has per-epoch perplexities, and a diverged epoch as a gap', () => {
    expect(rnnlmReportHtml({ ...base, curves: [{ name: 'KN5', validPerplexity: [], trainPerplexity: [] }] })).not.toContain(
      '<svg',
    );
    const page = rnnlmReportHtml({
      ...base,
      curves: [{ name: 'RNN', validPerplexity: [300, Infinity, 200], trainPerplexity: [250, NaN, 180] }],
    });
    expect(page.match(/<svg /g)).toHaveLength(2);
  });

  it('charts the mixture of the first k RNNs + KN5 against k, next to the published figure, without a grid section', () => {
    const point = (members: number, test: number) => ({ members, testPerplexity: test, validPerplexity: test + 4, weights: [] });
    const page = rnnlmReportHtml({
      ...base,
      grid: undefined,
      title: 'On the full protocol',
      mixtures: { static: [point(1, 105.1), point(2, 102.3)], dynamic: [point(1, 101), point(2, 99.2)], published: 95.5 },
      curves: [],
    });
    expect(page).toContain('<title>On the full protocol</title>');
    expect(page).not.toContain('Regularisation');
    expect(page).toContain('How the mixture grows with its RNNs');
    expect(page.match(/<svg /g)).toHaveLength(1);
    for (const name of [
      'static, test (102.3)',
      'static, valid (106.3)',
      'dynamic, test (99.2)',
      'published static mixture (95.5)',
    ]) {
      expect(page).toContain(`>${name}</text>`);
    }
    // One RNN is no curve.
    const single = rnnlmReportHtml({ ...base, mixtures: { static: [point(1, 105.1)], dynamic: [] }, curves: [] });
    expect(single).not.toContain('How the mixture grows');
  });
});
