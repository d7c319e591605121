import { describe, expect, it } from 'vitest';
import { errorBarChart, ReportError } from '../src/index';
import { elements, parseSvg, texts } from './support/xml';

const points = [
  { group: 'pooling', label: 'max', mean: 93.1, spread: 0.4 },
  { group: 'pooling', label: 'L2', mean: 94.0, spread: 0.3, highlight: true },
  { group: 'activation', label: 'tanh', mean: 92.5, spread: 0.5 },
];

describe('errorBarChart', () => {
  it('draws a whisker and a dot per category, group names once, the highlight filled', () => {
    const doc = parseSvg(errorBarChart({ title: 'Accuracy per setting', yLabel: 'accuracy (%)', points }));
    const t = texts(doc);
    expect(t.filter((s) => s === 'pooling')).toHaveLength(1);
    expect(t).toEqual(expect.arrayContaining(['max', 'L2', 'tanh', 'activation', 'accuracy (%)']));
    const dots = elements(doc, 'circle');
    expect(dots).toHaveLength(3);
    expect(dots[1].getAttribute('fill')).toBe(dots[1].getAttribute('stroke'));
    expect(dots[0].getAttribute('fill')).toBe('#fff');
    // groups get different colours
    expect(dots[2].getAttribute('stroke')).not.toBe(dots[0].getAttribute('stroke'));
  });

  it('refuses no points, NaN means and negative spreads', () => {
    expect(() => errorBarChart({ title: 't', points: [] })).toThrow(ReportError);
    expect(() => errorBarChart({ title: 't', points: [{ ...points[0], mean: NaN }] })).toThrow(/finite/);
    expect(() => errorBarChart({ title: 't', points: [{ ...points[0], spread: -0.1 }] })).toThrow(/non-negative/);
  });
});
