import { describe, expect, it } from 'vitest';
import { ReportError, scatterPlot, seriesColor } from '../src/index';
import { elements, parseSvg, size, texts } from './support/xml';

function clusters(n: number, classes: number): { points: Float32Array; labels: Int32Array } {
  const points = new Float32Array(n * 2);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    labels[i] = c;
    points[2 * i] = 10 * Math.cos(c) + Math.sin(i * 7.1);
    points[2 * i + 1] = 10 * Math.sin(c) + Math.cos(i * 3.3);
  }
  return { points, labels };
}

describe('scatterPlot', () => {
  it('draws thousands of points, one group per class in the palette, with a legend of names', () => {
    const { points, labels } = clusters(5000, 10);
    const names = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
    const svg = scatterPlot({ points, labels, classNames: names, title: 'fc1, epoch 10' });
    const doc = parseSvg(svg);
    expect(elements(doc, 'circle')).toHaveLength(5000);
    const groups = elements(doc, 'g').filter((g) => (g.getAttribute('class') ?? '').startsWith('class-'));
    expect(groups).toHaveLength(10);
    expect(groups[3].getAttribute('fill')).toBe(seriesColor(3));
    expect(groups[3].getElementsByTagName('circle').length).toBe(500);
    expect(texts(doc)).toEqual(expect.arrayContaining(['fc1, epoch 10', ...names]));
    expect(svg.length / 5000).toBeLessThan(40);
    // every point inside the picture
    const { width, height } = size(doc);
    for (const c of elements(doc, 'circle')) {
      expect(Number(c.getAttribute('cx'))).toBeGreaterThan(0);
      expect(Number(c.getAttribute('cx'))).toBeLessThan(width);
      expect(Number(c.getAttribute('cy'))).toBeLessThan(height);
    }
  });

  it('flows a legend of many classes (CIFAR-100) into columns that stay inside the picture', () => {
    const { points, labels } = clusters(1000, 100);
    const doc = parseSvg(scatterPlot({ points, labels, classNames: Array.from({ length: 100 }, (_, c) => `class ${c}`) }));
    const items = elements(doc, 'g').filter((g) => g.getAttribute('class') === 'legend-item');
    expect(items).toHaveLength(100);
    const { width, height } = size(doc);
    const columns = new Set<string>();
    for (const g of items) {
      const rect = Array.from(g.getElementsByTagName('rect'))[0];
      columns.add(rect.getAttribute('x') ?? '');
      expect(Number(rect.getAttribute('y'))).toBeLessThan(height - 8);
      expect(Number(rect.getAttribute('x'))).toBeLessThan(width - 10);
    }
    expect(columns.size).toBeGreaterThan(1);
  });

  it('reads the first two of several columns and draws unlabelled points in one colour', () => {
    const doc = parseSvg(scatterPlot({ points: new Float64Array([0, 0, 9, 1, 1, 9, 2, 2, 9]), dims: 3 }));
    expect(elements(doc, 'circle')).toHaveLength(3);
    expect(elements(doc, 'g').filter((g) => g.getAttribute('class') === 'legend')).toHaveLength(0);
  });

  it('refuses NaN coordinates, bad shapes and labels that are not class indices', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof ReportError) return `${e.code} ${e.argument}`;
        throw e;
      }
      return 'no error';
    };
    expect(err(() => scatterPlot({ points: [0, 0, NaN, 1] }))).toBe('NOT_FINITE options.points[1]');
    expect(err(() => scatterPlot({ points: [0, 0, 1] }))).toBe('BAD_SHAPE options.points');
    expect(err(() => scatterPlot({ points: [] }))).toBe('EMPTY options.points');
    expect(err(() => scatterPlot({ points: [0, 0, 1, 1], labels: [0] }))).toBe('BAD_SHAPE options.labels');
    expect(err(() => scatterPlot({ points: [0, 0, 1, 1], labels: [0, 1.5] }))).toBe('BAD_ARGUMENT options.labels[1]');
  });

  it('escapes class names', () => {
    const svg = scatterPlot({ points: [0, 0, 1, 1], labels: [0, 1], classNames: ['<a>', '"&"'] });
    expect(texts(parseSvg(svg))).toEqual(expect.arrayContaining(['<a>', '"&"']));
  });
});
