import { describe, expect, it } from 'vitest';
import { escapeXml, scatterSvg } from '../src/scatter-svg.js';
import { matrix } from './helpers.js';

describe('scatterSvg', () => {
  const Y = matrix([0, 0, 1, 1, 2, 0, 3, 1], 4, 2);
  it('draws one circle per point, one coloured group per class, a legend and the title', () => {
    const svg = scatterSvg(Y, [0, 1, 1, 2], { title: 'epoch <10>', classNames: ['cat', 'dog', 'T-shirt/top'] });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg.match(/<g fill=/g)).toHaveLength(3);
    expect(svg).toContain('fill="#1f77b4"');
    expect(svg).toContain('>T-shirt/top</text>');
    expect(svg).toContain('epoch &lt;10&gt;');
  });
  it('draws without labels and without legend', () => {
    const svg = scatterSvg(Y);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg).not.toContain('<text');
  });
  it('escapes markup', () => {
    expect(escapeXml('a<b & "c"')).toBe('a&lt;b &amp; &quot;c&quot;');
  });
});
