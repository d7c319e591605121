import { describe, expect, it } from 'vitest';
import { StandardScaler } from '../src/index';

describe('StandardScaler', () => {
  it('uses training statistics only and leaves constant columns unscaled', () => {
    const train = { data: new Float32Array([1, 5, 3, 5, 5, 5]), rows: 3, cols: 2 };
    const s = new StandardScaler().fit(train);
    expect(Array.from(s.mean)).toEqual([3, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(8 / 3), 12);
    expect(s.scale[1]).toBe(1);
    const t = s.transform({ data: new Float32Array([3, 7]), rows: 1, cols: 2 });
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(Array.from(t.data)).toEqual([0, 2]);
    const z = s.fitTransform(train);
    expect(z.data[0] + z.data[2] + z.data[4]).toBeCloseTo(0, 6);
    expect(() => new StandardScaler().transform(train)).toThrow(/unfitted/);
    expect(() => s.transform({ data: new Float32Array(3), rows: 1, cols: 3 })).toThrow(/2 features/);
  });

  it('standardises huge finite features instead of zeroing them (the squares overflow float64)', () => {
    const X = { data: new Float64Array([1e200, 1, -1e200, 2, 3e200, 3, -3e200, 4]), rows: 4, cols: 2 };
    const scaler = new StandardScaler().fit(X);
    const Z = scaler.transform(X);
    // sd of column 0 = sqrt((1 + 1 + 9 + 9) / 4) · 1e200 = sqrt(5) · 1e200
    expect(scaler.scale[0] / 1e200).toBeCloseTo(Math.sqrt(5), 12);
    expect(Array.from({ length: 4 }, (_, r) => Z.data[r * 2])).toEqual(
      [1, -1, 3, -3].map((v) => expect.closeTo(v / Math.sqrt(5), 12)),
    );
  });
});
