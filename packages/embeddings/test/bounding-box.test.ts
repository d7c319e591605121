import { describe, expect, it } from 'vitest';
import { boundingBox } from '../src/bounding-box';

describe('boundingBox', () => {
  it('spans the first n points only', () => {
    const Y = new Float64Array([1, -2, -3, 5, 0.5, 0, 100, 100]);
    expect(boundingBox(Y, 3)).toEqual([-3, -2, 1, 5]);
  });
});
