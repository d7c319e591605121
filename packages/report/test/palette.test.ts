import { describe, expect, it } from 'vitest';
import { CATEGORICAL, colormap, seriesColor } from '../src/index';

describe('palette', () => {
  it('has 20 distinct colours, Okabe–Ito blue and vermillion first', () => {
    expect(CATEGORICAL).toHaveLength(20);
    expect(new Set(CATEGORICAL).size).toBe(20);
    expect(CATEGORICAL.slice(0, 2)).toEqual(['#0072b2', '#d55e00']);
  });

  it('wraps series and class indices around the palette', () => {
    expect(seriesColor(0)).toBe('#0072b2');
    expect(seriesColor(20)).toBe('#0072b2');
    expect(seriesColor(-1)).toBe(CATEGORICAL[19]);
  });

  it('maps [0, 1] onto viridis and blues, clamping outside and NaN to 0', () => {
    expect(colormap('viridis', 0)).toBe('#440154');
    expect(colormap('viridis', 1)).toBe('#fde725');
    expect(colormap('viridis', 2)).toBe('#fde725');
    expect(colormap('viridis', NaN)).toBe('#440154');
    expect(colormap('blues', 0)).toBe('#f7fbff');
    expect(colormap('blues', 1)).toBe('#0072b2');
  });
});
