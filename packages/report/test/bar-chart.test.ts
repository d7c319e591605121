import { describe, expect, it } from 'vitest';
import { barChart, ReportError } from '../src/index';
import { elements, parseSvg, texts } from './support/xml';

describe('barChart', () => {
  it('draws one bar per label with its value printed', () => {
    const doc = parseSvg(
      barChart({
        title: 'Timing',
        format: 'seconds',
        bars: [
          { label: 'load data', value: 0.8 },
          { label: 'train', value: 140 },
        ],
      }),
    );
    const t = texts(doc);
    expect(t).toEqual(expect.arrayContaining(['Timing', 'load data', 'train', '0.80 s', '140.00 s', '0', '50', '100']));
    const rects = elements(doc, 'g')
      .filter((g) => g.getAttribute('class') === 'bar')
      .map((g) => Array.from(g.getElementsByTagName('rect'))[0]);
    expect(rects).toHaveLength(2);
    // the longest bar fills the span; the other is proportional
    const w = rects.map((r) => Number(r.getAttribute('width')));
    expect(w[0] / w[1]).toBeCloseTo(0.8 / 140, 2);
  });

  it('prints fractions as percentages on a 0–100 % axis', () => {
    const doc = parseSvg(
      barChart({ title: 'Accuracy', format: 'percent', bars: [{ label: 'softmax', value: 0.912, color: '#d55e00' }] }),
    );
    expect(texts(doc)).toEqual(expect.arrayContaining(['91.2 %', '0%', '100%']));
  });

  it('refuses empty, NaN and negative bars', () => {
    expect(() => barChart({ title: 't', bars: [] })).toThrow(ReportError);
    expect(() => barChart({ title: 't', bars: [{ label: 'a', value: NaN }] })).toThrow(/finite/);
    expect(() => barChart({ title: 't', bars: [{ label: 'a', value: -1 }] })).toThrow(/non-negative/);
  });

  it('escapes labels', () => {
    const svg = barChart({ title: 't', bars: [{ label: '<img src=x onerror=alert(1)>', value: 1 }] });
    expect(svg).not.toContain('<img');
    expect(texts(parseSvg(svg))).toContain('<img src=x onerror=alert(1)>');
  });
});
