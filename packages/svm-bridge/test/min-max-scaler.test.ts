import { describe, expect, it } from 'vitest';
import { MinMaxScaler, SvmBridgeError } from '../src/index';

describe('MinMaxScaler', () => {
  it('maps the training range onto featureRange and extrapolates test values', () => {
    const s = new MinMaxScaler([-1, 1]).fit({ data: new Float64Array([0, 2, 10, 2]), rows: 2, cols: 2 });
    expect(Array.from(s.dataMin)).toEqual([0, 2]);
    const t = s.transform({ data: new Float64Array([5, 2, 20, 3]), rows: 2, cols: 2 });
    expect(Array.from(t.data)).toEqual([0, -1, 3, 1]);
    expect(() => new MinMaxScaler([1, 0])).toThrow(SvmBridgeError);
  });
});
