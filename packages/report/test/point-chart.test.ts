import { describe, expect, it } from 'vitest';
import { pointChart, ReportError, textWidth } from '../src/index';
import { elements, parseSvg, size, texts } from './support/xml';

describe('pointChart', () => {
  it('draws labelled points with error bars, the highlight filled', () => {
    const doc = parseSvg(
      pointChart({
        title: 'Accuracy vs training time',
        xLabel: 'seconds',
        yLabel: 'accuracy (%)',
        points: [
          { label: 'L2', x: 18.2, y: 94.1, yErr: 0.3, highlight: true },
          { label: 'max', x: 15.0, y: 93.0, xErr: 1 },
        ],
      }),
    );
    expect(texts(doc)).toEqual(expect.arrayContaining(['L2', 'max', 'seconds', 'accuracy (%)']));
    const circles = elements(doc, 'circle');
    expect(circles[0].getAttribute('fill')).toBe('#d55e00');
    expect(circles[1].getAttribute('fill')).toBe('#fff');
  });

  it('puts the label of a point near the right edge on its left, inside the picture', () => {
    const label = 'tanh, dropout 0.5, nstates 16-64';
    const doc = parseSvg(
      pointChart({
        title: 't',
        points: [
          { label: 'a', x: 0, y: 0 },
          { label, x: 10, y: 1 },
        ],
      }),
    );
    const t = elements(doc, 'text').find((e) => e.textContent === label);
    expect(t?.getAttribute('text-anchor')).toBe('end');
    expect(Number(t?.getAttribute('x')) - textWidth(label, 10)).toBeGreaterThan(0);
    expect(Number(t?.getAttribute('x'))).toBeLessThan(size(doc).width);
  });

  it('refuses NaN coordinates and negative error bars', () => {
    expect(() => pointChart({ title: 't', points: [{ label: 'a', x: 1, y: Infinity }] })).toThrow(ReportError);
    expect(() => pointChart({ title: 't', points: [{ label: 'a', x: 1, y: 1, yErr: -1 }] })).toThrow(/non-negative/);
    expect(() => pointChart({ title: 't', points: [] })).toThrow(/at least one point/);
  });
});
