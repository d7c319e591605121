import { describe, expect, it } from 'vitest';
import { errorBarChartSvg, escapeXml, niceTicks, scatterSvg } from '../src/plots';

describe('plots', () => {
  it('niceTicks gives round values covering the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(87.3, 96.1, 5)).toEqual([88, 90, 92, 94, 96]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('errorBarChartSvg draws one marker and whisker per point, grouped and labelled', () => {
    const svg = errorBarChartSvg(
      [
        { group: 'pooling', label: 'max', mean: 90, spread: 1 },
        { group: 'pooling', label: 'L2', mean: 94, spread: 0.5, highlight: true },
        { group: 'act<x>', label: 'ReLU', mean: 92, spread: 0 },
      ],
      { title: 'Accuracy & more', yLabel: 'accuracy (%)' },
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    expect(svg.match(/<line [^>]*stroke-width="1.5"/g)).toHaveLength(9);
    expect(svg).toContain('Accuracy &amp; more');
    expect(svg).toContain('act&lt;x&gt;');
    expect(svg).toContain('>pooling</text>');
    expect(svg).not.toContain('NaN');
  });

  it('scatterSvg places points within the plot and draws error bars', () => {
    const svg = scatterSvg(
      [{ label: 'a', x: 10, y: 90, yErr: 1, xErr: 0.5 }, { label: 'b', x: 20, y: 95, highlight: true }],
      { title: 'acc vs time', xLabel: 's', yLabel: '%', width: 400, height: 300 },
    );
    const cx = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(cx).toHaveLength(2);
    for (const [x, y] of cx) {
      expect(x).toBeGreaterThan(60);
      expect(x).toBeLessThan(400 - 24);
      expect(y).toBeGreaterThan(36);
      expect(y).toBeLessThan(300 - 44);
    }
    expect(cx[1][0]).toBeGreaterThan(cx[0][0]);
    expect(cx[1][1]).toBeLessThan(cx[0][1]); // higher accuracy is drawn higher
    expect(svg).toContain('stroke-opacity="0.6"');
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
