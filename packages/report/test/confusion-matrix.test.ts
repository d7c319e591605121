import { describe, expect, it } from 'vitest';
import { colormap, confusionMatrixChart, ReportError } from '../src/index';
import { elements, parseSvg, texts } from './support/xml';

const cm = [
  [50, 2, 0],
  [5, 43, 2],
  [1, 3, 46],
];
const names = ['ants', 'bees', 'wasps'];

function cellTexts(svg: string): string[] {
  const doc = parseSvg(svg);
  const g = elements(doc, 'g').find((e) => e.getAttribute('class') === 'cells');
  return Array.from(g?.getElementsByTagName('text') ?? []).map((t) => t.textContent ?? '');
}

describe('confusionMatrixChart', () => {
  it('prints every count, both axes and their captions', () => {
    const svg = confusionMatrixChart({ matrix: cm, classNames: names, title: 'Test' });
    expect(cellTexts(svg)).toEqual(['50', '2', '0', '5', '43', '2', '1', '3', '46']);
    const t = texts(parseSvg(svg));
    expect(t).toEqual(expect.arrayContaining(['Test', 'True label', 'Predicted label', 'ants', 'bees', 'wasps']));
    expect(t.filter((s) => s === 'bees')).toHaveLength(2);
  });

  it('takes a flat row-major typed array with its size', () => {
    const flat = confusionMatrixChart({ matrix: new Float64Array(cm.flat()), size: 3, classNames: names });
    expect(cellTexts(flat)).toEqual(cellTexts(confusionMatrixChart({ matrix: cm, classNames: names })));
  });

  it('normalises over true rows, predicted columns or all, with the counts under the fractions', () => {
    expect(cellTexts(confusionMatrixChart({ matrix: cm, normalize: 'true' })).slice(0, 6)).toEqual([
      '0.96',
      '(50)',
      '0.038',
      '(2)',
      '0',
      '(0)',
    ]);
    expect(cellTexts(confusionMatrixChart({ matrix: cm, normalize: 'pred' })).slice(0, 2)).toEqual(['0.89', '(50)']);
    expect(cellTexts(confusionMatrixChart({ matrix: cm, normalize: 'all' })).slice(0, 2)).toEqual(['0.33', '(50)']);
    // a class never predicted gives a column of zeros, not NaN
    expect(
      cellTexts(
        confusionMatrixChart({
          matrix: [
            [1, 0],
            [1, 0],
          ],
          normalize: 'pred',
        }),
      ),
    ).toEqual(['0.5', '(1)', '0', '(0)', '0.5', '(1)', '0', '(0)']);
  });

  it('refuses non-square matrices, negative or NaN counts and names that do not match', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        if (e instanceof ReportError) return `${e.code} ${e.argument}`;
        throw e;
      }
      return 'no error';
    };
    expect(code(() => confusionMatrixChart({ matrix: [[1, 2], [3]] }))).toBe('BAD_SHAPE options.matrix[1]');
    expect(code(() => confusionMatrixChart({ matrix: [1, 2, 3] }))).toBe('BAD_SHAPE options.matrix');
    expect(code(() => confusionMatrixChart({ matrix: [] }))).toBe('EMPTY options.matrix');
    expect(
      code(() =>
        confusionMatrixChart({
          matrix: [
            [1, -2],
            [3, 4],
          ],
        }),
      ),
    ).toBe('BAD_ARGUMENT options.matrix[0][1]');
    expect(
      code(() =>
        confusionMatrixChart({
          matrix: [
            [1, NaN],
            [3, 4],
          ],
        }),
      ),
    ).toMatch(/^NOT_FINITE options.matrix\[1\]/);
    expect(code(() => confusionMatrixChart({ matrix: cm, classNames: ['a'] }))).toBe('BAD_SHAPE options.classNames');
    expect(code(() => confusionMatrixChart({ matrix: cm, normalize: 'rows' as 'true' }))).toBe('BAD_ARGUMENT options.normalize');
  });

  it('turns long class names 45° and keeps a hostile name as text', () => {
    const long = ['T-shirt/top', 'Trouser', '<script>x</script>'];
    const svg = confusionMatrixChart({ matrix: cm, classNames: long });
    expect(svg).not.toContain('<script>');
    const doc = parseSvg(svg);
    const xTicks = Array.from(
      elements(doc, 'g')
        .find((g) => g.getAttribute('class') === 'x-ticks')
        ?.getElementsByTagName('text') ?? [],
    );
    expect(xTicks.map((t) => t.textContent)).toEqual(long);
    expect(xTicks[0].getAttribute('transform')).toMatch(/^rotate\(-45 /);
  });

  it('colours like ConfusionMatrixDisplay: the largest count brightest, zero darkest, a tooltip per cell', () => {
    // confusionMatrix([0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 0, 2]) of @dlkit/metrics, as its data and size
    const svg = confusionMatrixChart({ matrix: new Float64Array([1, 1, 0, 0, 2, 0, 1, 0, 2]), size: 3, classNames: names });
    const cells = elements(parseSvg(svg), 'rect').filter((r) => r.getElementsByTagName('title').length === 1);
    expect(cells).toHaveLength(9);
    const fill = (tip: string) => cells.find((r) => r.getElementsByTagName('title')[0].textContent === tip)?.getAttribute('fill');
    expect(fill('bees → bees: 2')).toBe(colormap('viridis', 1));
    expect(fill('wasps → wasps: 2')).toBe(colormap('viridis', 1));
    expect(fill('ants → wasps: 0')).toBe(colormap('viridis', 0));
    expect(fill('ants → ants: 1')).toBe(colormap('viridis', 0.5));
  });
});
