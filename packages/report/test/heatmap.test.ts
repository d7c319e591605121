import { describe, expect, it } from 'vitest';
import { heatmap, ReportError } from '../src/index';
import { elements, parseSvg, texts } from './support/xml';

describe('heatmap', () => {
  it('draws one cell per value with its text, labels, captions and a colour bar', () => {
    const doc = parseSvg(
      heatmap({
        title: 'Test accuracy',
        rows: 2,
        cols: 3,
        values: new Float64Array([0.41, 0.45, 0.47, 0.52, 0.55, 0.6]),
        rowLabels: ['2', '4'],
        colLabels: ['0', '1', '2'],
        rowTitle: 'conv',
        colTitle: 'hidden fc',
        format: 'percent',
      }),
    );
    const t = texts(doc);
    expect(t).toEqual(expect.arrayContaining(['Test accuracy', 'conv', 'hidden fc', '41.0 %', '60.0 %', '2', '4']));
    const cells = Array.from(
      elements(doc, 'g')
        .find((g) => g.getAttribute('class') === 'cells')
        ?.getElementsByTagName('rect') ?? [],
    );
    expect(cells).toHaveLength(6);
    // lowest is viridis' dark end, highest its yellow end
    expect(cells[0].getAttribute('fill')).toBe('#440154');
    expect(cells[5].getAttribute('fill')).toBe('#fde725');
    expect(cells[1].textContent).toBe('2 × 1: 45.0 %');
    expect(elements(doc, 'g').some((g) => g.getAttribute('class') === 'colorbar')).toBe(true);
  });

  it('writes several lines per cell and leaves null cells empty', () => {
    const doc = parseSvg(
      heatmap({
        title: 'Grid',
        rows: 1,
        cols: 2,
        values: [0.5, null],
        colormap: 'blues',
        colorbar: false,
        cellText: [['50.0 %', '12.0 s', '1,234 params'], []],
      }),
    );
    expect(texts(doc)).toEqual(expect.arrayContaining(['50.0 %', '12.0 s', '1,234 params']));
    const cells = Array.from(
      elements(doc, 'g')
        .find((g) => g.getAttribute('class') === 'cells')
        ?.getElementsByTagName('rect') ?? [],
    );
    expect(cells[1].textContent).toBe('0 × 1: no value');
    expect(elements(doc, 'g').some((g) => g.getAttribute('class') === 'colorbar')).toBe(false);
  });

  it('refuses shapes that do not match, NaN values and an all-empty grid', () => {
    const bad = (f: () => unknown, code: string, argument: string) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ReportError);
        expect([(e as ReportError).code, (e as ReportError).argument]).toEqual([code, argument]);
        return;
      }
      throw new Error('did not throw');
    };
    bad(() => heatmap({ title: 't', rows: 2, cols: 2, values: [1, 2, 3] }), 'BAD_SHAPE', 'options.values');
    bad(() => heatmap({ title: 't', rows: 1, cols: 2, values: [1, NaN] }), 'NOT_FINITE', 'options.values[1] (row 0, column 1)');
    bad(() => heatmap({ title: 't', rows: 1, cols: 2, values: [null, null] }), 'EMPTY', 'options.values');
    bad(() => heatmap({ title: 't', rows: 1, cols: 2, values: [1, 2], colLabels: ['a'] }), 'BAD_SHAPE', 'options.colLabels');
    bad(() => heatmap({ title: 't', rows: 1, cols: 2, values: [1, 2], cellText: ['a'] }), 'BAD_SHAPE', 'options.cellText');
    bad(() => heatmap({ title: 't', rows: 0, cols: 2, values: [] }), 'BAD_ARGUMENT', 'options.rows');
  });

  it('escapes labels and cell text', () => {
    const svg = heatmap({
      title: 't',
      rows: 1,
      cols: 1,
      values: [1],
      rowLabels: ['<r>'],
      colLabels: ['"c"'],
      cellText: ['a & b'],
    });
    expect(texts(parseSvg(svg))).toEqual(expect.arrayContaining(['<r>', '"c"', 'a & b']));
  });
});
