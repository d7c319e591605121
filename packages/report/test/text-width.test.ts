import { describe, expect, it } from 'vitest';
import { textWidth } from '../src/index';

describe('textWidth', () => {
  it('uses DejaVu Sans advance widths', () => {
    // 'M' is 863/1000 em, 'i' 278/1000 em.
    expect(textWidth('M', 10)).toBeCloseTo(8.63, 5);
    expect(textWidth('ii', 10)).toBeCloseTo(5.56, 5);
    expect(textWidth('', 12)).toBe(0);
  });

  it('makes bold wider and scales with the size', () => {
    expect(textWidth('accuracy', 12, true)).toBeGreaterThan(textWidth('accuracy', 12));
    expect(textWidth('accuracy', 24)).toBeCloseTo(2 * textWidth('accuracy', 12), 9);
  });

  it('estimates symbols and wide scripts', () => {
    expect(textWidth('→', 10)).toBeCloseTo(8.38, 5);
    expect(textWidth('中', 10)).toBe(10);
  });
});
