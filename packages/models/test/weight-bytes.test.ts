import { describe, expect, it } from 'vitest';
import { manifestBytes } from '../src/weight-bytes';

describe('manifestBytes', () => {
  it('adds up the stored size of every weight, quantised ones at their stored width', () => {
    expect(manifestBytes([])).toBe(0);
    expect(
      manifestBytes([
        { name: 'k', shape: [3, 4], dtype: 'float32' },
        { name: 'b', shape: [4], dtype: 'int32' },
        { name: 's', shape: [], dtype: 'float32' },
        { name: 'm', shape: [5], dtype: 'bool' },
      ]),
    ).toBe(48 + 16 + 4 + 5);
    expect(
      manifestBytes([{ name: 'q', shape: [10], dtype: 'float32', quantization: { dtype: 'uint8', min: 0, scale: 1 } }]),
    ).toBe(10);
    expect(manifestBytes([{ name: 'h', shape: [10], dtype: 'float32', quantization: { dtype: 'float16' } }])).toBe(20);
  });

  it('cannot know the size of string weights in advance', () => {
    expect(
      manifestBytes([
        { name: 'k', shape: [2], dtype: 'float32' },
        { name: 'v', shape: [2], dtype: 'string' },
      ]),
    ).toBeUndefined();
  });
});
