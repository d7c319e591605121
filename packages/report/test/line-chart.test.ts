import { describe, expect, it } from 'vitest';
import { lineChart, ReportError, textWidth } from '../src/index';
import { elements, parseSvg, size, texts } from './support/xml';

const two = [
  { name: 'train', y: [0.9, 0.5, 0.3] },
  { name: 'validation', y: [1.0, 0.6, 0.45], dashed: true },
];

function thrown(f: () => unknown): ReportError {
  try {
    f();
  } catch (e) {
    if (e instanceof ReportError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('lineChart', () => {
  it('draws a well-formed SVG with title, axis labels, legend and one path per series', () => {
    const doc = parseSvg(lineChart({ title: 'Loss', xLabel: 'epoch', yLabel: 'loss', series: two }));
    const t = texts(doc);
    expect(t).toEqual(expect.arrayContaining(['Loss', 'epoch', 'loss', 'train', 'validation', '1', '2', '3']));
    const paths = elements(doc, 'path').filter((p) => p.getAttribute('class') === 'series');
    expect(paths).toHaveLength(2);
    expect(paths[1].getAttribute('stroke-dasharray')).toBe('6 4');
    expect(paths[0].getAttribute('stroke')).toBe('#0072b2');
    expect(paths[1].getAttribute('stroke')).toBe('#d55e00');
    // markers with tooltips
    expect(elements(doc, 'circle')).toHaveLength(6);
    expect(elements(doc, 'circle')[0].textContent).toBe('train, epoch 1: 0.9');
    expect(size(doc)).toEqual({ width: 560, height: 320 });
  });

  it('takes typed arrays and explicit x values (accuracy against seconds)', () => {
    const doc = parseSvg(
      lineChart({
        title: 'Accuracy vs time',
        xLabel: 'seconds',
        xFromZero: true,
        legend: 'right',
        series: [{ name: 'fine-tune', x: new Float64Array([3.5, 7.1, 10.4]), y: new Float32Array([0.2, 0.3, 0.35]) }],
      }),
    );
    const t = texts(doc);
    expect(t).toContain('0');
    expect(t).toContain('fine-tune');
    expect(elements(doc, 'circle')[2].textContent).toBe('fine-tune, 10.4: 0.35');
  });

  it('draws a log axis with decade ticks', () => {
    const doc = parseSvg(
      lineChart({ title: 'Learning rate', logY: true, series: [{ name: 'lr', y: [0.1, 0.01, 0.001, 0.0001] }] }),
    );
    expect(texts(doc)).toEqual(expect.arrayContaining(['0.0001', '0.001', '0.01', '0.1']));
  });

  it('leaves a gap for null, and for NaN/Infinity when nonFinite is "gap"', () => {
    const withNull = parseSvg(lineChart({ title: 't', series: [{ name: 'a', y: [1, null, 3, 4] }] }));
    const d = elements(withNull, 'path')[0].getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    const gaps = parseSvg(lineChart({ title: 't', nonFinite: 'gap', series: [{ name: 'a', y: [1, NaN, 3, Infinity, 5] }] }));
    expect((elements(gaps, 'path')[0].getAttribute('d') ?? '').match(/M/g)).toHaveLength(3);
  });

  it('refuses NaN and Infinity by default, naming the point', () => {
    const e = thrown(() =>
      lineChart({
        title: 't',
        series: [
          { name: 'a', y: [1, 2] },
          { name: 'b', y: [0.5, NaN] },
        ],
      }),
    );
    expect(e.code).toBe('NOT_FINITE');
    expect(e.argument).toBe('options.series[1].y[1]');
    expect(thrown(() => lineChart({ title: 't', series: [{ name: 'a', y: [1, -Infinity] }] })).code).toBe('NOT_FINITE');
  });

  it('refuses empty input, mismatched x, non-positive values on a log axis and bad colours', () => {
    expect(thrown(() => lineChart({ title: 't', series: [] })).code).toBe('EMPTY');
    expect(thrown(() => lineChart({ title: 't', series: [{ name: 'a', y: [] }] })).code).toBe('EMPTY');
    expect(thrown(() => lineChart({ title: 't', series: [{ name: 'a', y: [null, null] }] })).code).toBe('EMPTY');
    const shape = thrown(() => lineChart({ title: 't', series: [{ name: 'a', y: [1, 2, 3], x: [1, 2] }] }));
    expect([shape.code, shape.argument]).toEqual(['BAD_SHAPE', 'options.series[0].x']);
    const log = thrown(() => lineChart({ title: 't', logY: true, series: [{ name: 'a', y: [1, 0] }] }));
    expect([log.code, log.argument]).toEqual(['BAD_ARGUMENT', 'options.series[0].y[1]']);
    expect(thrown(() => lineChart({ title: 't', series: [{ name: 'a', y: [1], color: 'red" onload="x' }] })).argument).toBe(
      'options.series[0].color',
    );
    expect(thrown(() => lineChart({ title: 't', series: [{ name: 'a', y: [1, 'x' as unknown as number] }] })).argument).toBe(
      'options.series[0].y[1]',
    );
  });

  it('draws one epoch in the middle and a flat series in the middle of its axis', () => {
    const one = parseSvg(lineChart({ title: 't', series: [{ name: 'a', y: [0.5] }] }));
    const c = elements(one, 'circle')[0];
    const frame = elements(one, 'rect').find((r) => r.getAttribute('fill') === 'none');
    const mid = Number(frame?.getAttribute('x')) + Number(frame?.getAttribute('width')) / 2;
    expect(Number(c.getAttribute('cx'))).toBeCloseTo(mid, 0);
    const flat = parseSvg(lineChart({ title: 't', series: [{ name: 'a', y: [2, 2, 2] }] }));
    const midY = Number(frame?.getAttribute('y')) + Number(frame?.getAttribute('height')) / 2;
    for (const p of elements(flat, 'circle')) expect(Number(p.getAttribute('cy'))).toBeCloseTo(midY, 0);
    expect(texts(flat)).toContain('2');
  });

  it('escapes hostile titles and names', () => {
    const svg = lineChart({
      title: `<script>alert("t")</script>`,
      xLabel: `a & b`,
      series: [{ name: `"quoted" & 'single' <b>`, y: [1, 2] }],
    });
    const doc = parseSvg(svg);
    expect(svg).not.toContain('<script>');
    expect(texts(doc)).toContain(`<script>alert("t")</script>`);
    expect(texts(doc)).toContain(`"quoted" & 'single' <b>`);
    expect(doc.documentElement?.getAttribute('aria-label')).toBe(`<script>alert("t")</script>`);
  });

  it('wraps a long title and legend inside the picture', () => {
    const title = 'Held-out perplexity per epoch of every model trained in this run, on the Penn Treebank validation text';
    const names = Array.from({ length: 8 }, (_, k) => `model number ${k} with a long name`);
    const svg = lineChart({ title, width: 480, series: names.map((name, k) => ({ name, y: [k + 1, k + 2] })) });
    const doc = parseSvg(svg);
    const titleLines = elements(doc, 'text').filter((e) => e.getAttribute('class') === 'title');
    expect(titleLines.length).toBeGreaterThan(1);
    expect(titleLines.map((e) => e.textContent).join(' ')).toBe(title);
    for (const e of titleLines) expect(textWidth(e.textContent ?? '', 14, true)).toBeLessThanOrEqual(480 - 16);
    for (const g of elements(doc, 'g').filter((e) => e.getAttribute('class') === 'legend-item')) {
      const label = Array.from(g.getElementsByTagName('text'))[0];
      expect(Number(label.getAttribute('x')) + textWidth(label.textContent ?? '', 11)).toBeLessThanOrEqual(480);
    }
  });

  it('draws loss against training step (x = the evaluation steps, from 0), the first train loss a gap', () => {
    // A siamese run's history: held-out loss at every evaluation, mean training loss since the previous one.
    const steps = [0, 100, 200, 300];
    const svg = lineChart({
      title: 'Contrastive loss',
      xLabel: 'training step',
      yLabel: 'contrastive loss',
      xFromZero: true,
      nonFinite: 'gap',
      series: [
        { name: 'form 2 + random (held-out)', x: steps, y: [0.9, 0.5, 0.35, 0.3] },
        { name: 'form 2 + random (train)', x: steps, y: [null, 0.6, 0.4, 0.32], dashed: true },
      ],
    });
    const doc = parseSvg(svg);
    const paths = elements(doc, 'path').filter((p) => p.getAttribute('class') === 'series');
    expect(paths).toHaveLength(2);
    // the train curve starts at the second evaluation: one move, two lines
    expect((paths[1].getAttribute('d') ?? '').match(/[ML]/g)).toEqual(['M', 'L', 'L']);
    expect(paths[1].getAttribute('stroke-dasharray')).not.toBeNull();
    const t = texts(doc);
    expect(t).toEqual(
      expect.arrayContaining([
        '0',
        '100',
        '200',
        '300',
        'training step',
        'form 2 + random (held-out)',
        'form 2 + random (train)',
      ]),
    );
    expect(elements(doc, 'circle').map((c) => c.textContent)).toContain('form 2 + random (train), 100: 0.6');
  });
});
