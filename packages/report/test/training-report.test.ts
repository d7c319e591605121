import { describe, expect, it } from 'vitest';
import { ReportError, trainingReport, type EpochRow, type EvaluationSummary } from '../src/index';
import { parseSvg } from './support/xml';

const history: EpochRow[] = [1, 2, 3].map((epoch) => ({
  epoch, loss: 1 / epoch, accuracy: 0.5 + epoch / 10, valLoss: 1.1 / epoch, valAccuracy: 0.45 + epoch / 10,
  learningRate: 0.01 / epoch, seconds: 2, samplesPerSecond: 1234.4,
}));
const evaluation: EvaluationSummary = {
  accuracy: 0.9, loss: 0.31, topK: { 1: 0.9, 2: 0.97 }, classNames: ['cat', '<dog>'],
  confusionMatrix: { data: new Float64Array([45, 5, 5, 45]), size: 2 },
  report: { text: '              precision    recall\n         cat       0.90      0.90' },
  perClass: { labels: [0, 1], accuracy: new Float64Array([0.9, 0.9]), correct: new Float64Array([45, 45]), total: new Float64Array([50, 50]) },
};

function svgs(page: string): string[] {
  return [...page.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

describe('trainingReport', () => {
  it('has the summary, run facts, three curves, the confusion matrix, reports, timing and the epoch table', () => {
    const page = trainingReport({ title: 'MNIST ConvNet', history, evaluation, timing: { train: 6, evaluate: 0.5 }, info: { engine: 'wasm', seed: 1 }, date: new Date(0) });
    expect(page).toContain('Generated 1970-01-01T00:00:00.000Z by @dlkit/report.');
    for (const id of ['summary', 'run', 'curves', 'confusion', 'report', 'timing', 'epochs']) expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain('<th>test accuracy</th><td>90.00 %</td>');
    expect(page).toContain('<th>top-2 accuracy</th><td>97.00 %</td>');
    expect(page).not.toContain('top-1 accuracy');
    expect(page).toContain('<th>engine</th><td>wasm</td>');
    const pictures = svgs(page);
    expect(pictures).toHaveLength(5);
    for (const svg of pictures) parseSvg(svg);
    expect(pictures.filter((s) => s.includes('class="series"'))).toHaveLength(3);
    expect(pictures[0]).toContain('>validation</text>');
    expect(page).toContain('&lt;dog&gt;');
    expect(page).not.toContain('<dog>');
    expect(page).toContain('<tr><th>3</th><td>0.3333</td><td>0.8000</td><td>0.3667</td><td>0.7500</td><td>0.00333</td><td>2.00</td><td>1234</td></tr>');
  });

  it('draws train curves only without validation, and a diverged epoch as a gap', () => {
    const noVal = history.map((r) => ({ ...r, valLoss: null, valAccuracy: null, loss: r.epoch === 2 ? NaN : r.loss }));
    const page = trainingReport({ title: 't', history: noVal });
    expect(page).not.toContain('>validation</text>');
    expect(page).not.toContain('<section id="confusion">');
    expect(page).toContain('<td>–</td>');
    expect(svgs(page)).toHaveLength(3);
  });

  it('refuses a history that is not an array', () => {
    expect(() => trainingReport({ title: 't', history: undefined as unknown as EpochRow[] })).toThrow(ReportError);
  });
});
