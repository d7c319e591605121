import { describe, expect, it } from 'vitest';
import { confusionMatrix, confusionMatrixSvg, MetricsError } from '../src/index';
import { escapeXml, viridis } from '../src/confusion-matrix-svg';

/** Checks that every tag is closed in order (a well-formedness check without an XML parser). */
function expectWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) expect(stack.pop(), `closing </${name}>`).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
  expect(svg).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
}

describe('confusionMatrixSvg', () => {
  const cm = confusionMatrix([0, 0, 1, 1, 2, 2, 2], [0, 1, 1, 1, 2, 0, 2]);

  it('draws one cell per (true, predicted) pair with its count and the class names', () => {
    const svg = confusionMatrixSvg(cm, { classNames: ['ants', 'bees', 'wasps'], title: 'Validation' });
    expectWellFormed(svg);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    const cells = svg.match(/<rect x="[\d.]+" y="[\d.]+" width="\d+" height="\d+" fill="#[0-9a-f]{6}"><title>/g) ?? [];
    expect(cells).toHaveLength(9);
    const cellTexts = [...svg.matchAll(/dominant-baseline="central" fill="#[0-9a-f]{6}">([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(cellTexts).toEqual(cm.toArray().flat().map(String));
    for (const n of ['ants', 'bees', 'wasps', 'Validation', 'True label', 'Predicted label']) expect(svg).toContain(`>${n}<`);
    // the largest count gets the brightest colour, zero the darkest (viridis)
    expect(svg).toContain(`fill="${viridis(1)}"><title>bees → bees: 2</title>`);
    expect(svg).toContain(`fill="${viridis(0)}"><title>ants → wasps: 0</title>`);
  });

  it('normalises for colour and text, keeping the raw count, and escapes names', () => {
    const svg = confusionMatrixSvg(cm, { classNames: ['<a>', 'b&c', '"d"'], normalize: 'true' });
    expectWellFormed(svg);
    expect(svg).toContain('&lt;a&gt;');
    expect(svg).toContain('b&amp;c');
    expect(svg).toContain('>0.67<'); // 2 of 3 wasps, Python's .2g
    expect(svg).toContain('>(2)<');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&#39;');
  });

  it('accepts nested arrays and rejects bad matrices or names', () => {
    expectWellFormed(confusionMatrixSvg([[5, 1], [0, 7]]));
    expect(() => confusionMatrixSvg([[1, 2], [3]])).toThrow(MetricsError);
    expect(() => confusionMatrixSvg(cm, { classNames: ['a'] })).toThrow(/classNames/);
    expect(() => confusionMatrixSvg([[1, -1], [0, 0]])).toThrow(/cm\[0\]\[1\]/);
    expect(() => confusionMatrixSvg(confusionMatrix([0, 1], [0, 1], { normalize: 'all' }), { normalize: 'true' })).toThrow(/normalize/);
  });
});
