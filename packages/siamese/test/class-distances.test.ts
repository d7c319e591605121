import { describe, expect, it } from 'vitest';
import { classDistances } from '../src/class-distances';
import { SiameseError } from '../src/errors';

/** `perClass` points of each of `classes` classes at distance `gap` along their own axis, jittered by ±`jitter`. */
function points(classes: number, perClass: number, gap: number, jitter: number) {
  const rows = classes * perClass;
  const data = new Float32Array(rows * classes);
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    labels[r] = r % classes;
    data[r * classes + labels[r]] = gap + jitter * (((r * 7919) % 101) / 50 - 1);
  }
  return { X: { data, rows, cols: classes }, labels };
}

describe('classDistances', () => {
  it('gives the exact mean distances of same-class and different-class pairs', () => {
    // Two classes, no jitter: same-class pairs coincide (d = 0), different-class pairs lie gap·√2 apart.
    const { X, labels } = points(2, 20, 3, 0);
    const r = classDistances(X, labels, { pairs: 2000, seed: 1 });
    expect(r.same).toBe(0);
    expect(r.different).toBeCloseTo(3 * Math.SQRT2, 5);
    expect(r.ratio).toBe(Number.POSITIVE_INFINITY);
    expect(r.sameCount + r.differentCount).toBe(2000);
    // Random pairs of 40 points, 19 of the 39 partners share the class.
    expect(r.sameCount / 2000).toBeCloseTo(19 / 39, 1);
  });

  it('shows a collapsed embedding as a ratio near 1 and well-separated classes as a large ratio', () => {
    const collapsed = points(4, 50, 0, 0.01);
    const separated = points(4, 50, 5, 0.5);
    const c = classDistances(collapsed.X, collapsed.labels);
    const s = classDistances(separated.X, separated.labels);
    expect(c.different).toBeLessThan(0.03);
    expect(c.ratio).toBeLessThan(1.6);
    expect(s.ratio).toBeGreaterThan(5);
  });

  it('is independent of the embedding scale in its ratio, and seeded', () => {
    const { X, labels } = points(3, 30, 2, 0.4);
    const scaled = { ...X, data: X.data.map((v) => v * 10) };
    const a = classDistances(X, labels, { seed: 4 });
    const b = classDistances(scaled, labels, { seed: 4 });
    expect(b.ratio).toBeCloseTo(a.ratio, 4);
    expect(b.same).toBeCloseTo(10 * a.same, 3);
    expect(classDistances(X, labels, { seed: 4 })).toEqual(a);
    expect(classDistances(X, labels, { seed: 5 }).same).not.toBe(a.same);
  });

  it('refuses what it cannot pair, naming the argument', () => {
    const { X, labels } = points(2, 5, 1, 0);
    expect(() => classDistances(X, labels.subarray(1))).toThrow(SiameseError);
    expect(() => classDistances(X, labels.subarray(1))).toThrow(/labels/);
    expect(() => classDistances({ data: new Float32Array(2), rows: 1, cols: 2 }, [0])).toThrow(/features\.rows/);
    expect(() => classDistances(X, labels, { pairs: 0 })).toThrow(/options\.pairs/);
  });
});
