import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, classColor, hexToRgb } from '../src/palette.js';

describe('palette', () => {
  it('starts with tab10 and wraps around', () => {
    expect(classColor(0)).toBe('#1f77b4');
    expect(classColor(CLASS_COLORS.length)).toBe(classColor(0));
    expect(classColor(-1)).toBe(CLASS_COLORS[CLASS_COLORS.length - 1]);
    expect(new Set(CLASS_COLORS).size).toBe(CLASS_COLORS.length);
  });
  it('parses hex colours', () => {
    expect(hexToRgb('#1f77b4')).toEqual([31, 119, 180]);
  });
});
