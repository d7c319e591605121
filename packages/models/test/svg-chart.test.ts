import { describe, expect, it } from 'vitest';
import { escapeXml, lineChartSvg } from '../src/svg-chart';

describe('lineChartSvg', () => {
  it('draws one path per series with gaps for nulls, a legend and escaped text', () => {
    const svg = lineChartSvg({
      title: 'Loss <train>', xLabel: 'epoch', yLabel: 'loss',
      series: [{ name: 'train', values: [1, 0.5, 0.25] }, { name: 'val & co', values: [1.2, null, 0.4], dashed: true }],
    });
    expect(svg.startsWith('<svg class="chart"')).toBe(true);
    expect(svg).toContain('Loss &lt;train&gt;');
    expect(svg).toContain('val &amp; co');
    const paths = [...svg.matchAll(/<path class="series" d="([^"]+)"/g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    expect(paths[0].match(/[ML]/g)).toEqual(['M', 'L', 'L']);
    expect(paths[1].match(/[ML]/g)).toEqual(['M', 'M']);
    expect(svg).toContain('stroke-dasharray');
  });

  it('handles a log axis, a single point and constant series', () => {
    const log = lineChartSvg({ title: 'LR', logY: true, series: [{ name: 'lr', values: [0.1, 0.01, 0.001] }] });
    expect(log).toContain('>0.1<');
    expect(log).toContain('>0.01<');
    const one = lineChartSvg({ title: 'one', series: [{ name: 'a', values: [3] }] });
    expect(one).toMatch(/<path class="series" d="M[\d.]+ [\d.]+"/);
    expect(lineChartSvg({ title: 'flat', series: [{ name: 'a', values: [2, 2] }] })).not.toContain('NaN');
    expect(escapeXml(`"'`)).toBe('&quot;&#39;');
  });
});
