import { describe, expect, it } from 'vitest';
import { glyph } from '../src/font5x7.js';

describe('font5x7', () => {
  it('has 7 rows of 5 bits per glyph, lower case mapped to upper case, unknown to ?', () => {
    expect(glyph('A')).toEqual([0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001]);
    expect(glyph('a')).toEqual(glyph('A'));
    expect(glyph('€')).toEqual(glyph('?'));
    for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -/.,:()_=+%?!#') {
      const g = glyph(ch);
      expect(g).toHaveLength(7);
      expect(g.every((r) => r >= 0 && r < 32)).toBe(true);
    }
  });
});
