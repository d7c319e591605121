import { describe, expect, it } from 'vitest';
import { gridSearch, SvmBridgeError } from '../src/index';
import { digits, digitsRows } from './helpers';

describe('gridSearch', () => {
  it('scores every C × gamma with stratified folds and ranks the table', async () => {
    const X = digitsRows(0, 400);
    const y = Int32Array.from(digits.y.slice(0, 400));
    const seen: number[] = [];
    const { table, best } = await gridSearch(X, y, {
      Cs: [0.01, 5],
      gammas: [0.05, 'scale'],
      folds: 3,
      scaler: 'standard',
      onResult: (_, done) => seen.push(done),
    });
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(table.map((r) => [r.C, r.gamma])).toEqual([
      [0.01, 0.05],
      [0.01, 'scale'],
      [5, 0.05],
      [5, 'scale'],
    ]);
    for (const r of table) {
      expect(r.foldAccuracy.length).toBe(3);
      expect(r.meanAccuracy).toBeCloseTo(r.foldAccuracy.reduce((a, b) => a + b, 0) / 3, 12);
      expect(r.seconds).toBeGreaterThan(0);
    }
    expect(best.rank).toBe(1);
    expect(best.C).toBe(5); // C = 0.01 underfits badly
    expect(best.meanAccuracy).toBeGreaterThan(0.9);
    expect(Math.max(...table.map((r) => r.rank))).toBeGreaterThan(1);
  });

  it('rejects empty grids', async () => {
    const X = digitsRows(0, 50);
    const y = digits.y.slice(0, 50);
    await expect(gridSearch(X, y, { Cs: [], gammas: [1] })).rejects.toBeInstanceOf(SvmBridgeError);
    await expect(gridSearch(X, y, { Cs: [1], gammas: [1], scaler: 'robust' as 'none' })).rejects.toThrow(
      /'standard', 'minmax' or 'none'/,
    );
  });
});
