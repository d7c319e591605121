import { describe, expect, it } from 'vitest';
import { parseLibsvmModel, type KernelModel } from '../src/kernel-model';
import { SVC, type SVCOptions } from '../src/index';
import { trainSmo } from '../src/smo-train';
import { digits, pick } from './helpers';

/** The first `n` digits rows of classes < `k` (first-seen order = sorted, so libsvm's label order matches ours). */
function subset(n: number, k: number): { X: ReturnType<typeof pick>; y: number[] } {
  const rows: number[] = [];
  for (let r = 0; rows.length < n; r++) if (digits.y[r] < k) rows.push(r);
  return { X: pick(rows), y: rows.map((r) => digits.y[r]) };
}

async function model(options: SVCOptions, X: ReturnType<typeof pick>, y: number[]): Promise<KernelModel> {
  const svc = await new SVC(options).fit(X, y);
  const saved = JSON.parse(svc.save()) as { models: string[] };
  return parseLibsvmModel(saved.models[0], X.cols);
}

describe('trainSmo matches libsvm-js (same dual problem, same model layout)', () => {
  const cases: [string, SVCOptions, number][] = [
    ['rbf, 3 classes', { kernel: 'rbf', C: 2, gamma: 0.05 }, 3],
    ['poly, 4 classes', { kernel: 'poly', C: 0.5, gamma: 0.1, degree: 2, coef0: 1 }, 4],
    ['linear, 2 classes', { kernel: 'linear', C: 0.05 }, 2],
    ['rbf with class weights', { kernel: 'rbf', C: 1, gamma: 0.05, classWeight: { 0: 3, 2: 0.2 } }, 3],
  ];
  for (const [name, options, k] of cases) {
    it(`${name}: same support vectors, dual coefficients and rho`, async () => {
      const { X, y } = subset(40 * k, k);
      const tight = { ...options, tol: 1e-6 };
      const ours = await model({ ...tight, solver: 'smo' }, X, y);
      const ref = await model({ ...tight, solver: 'libsvm' }, X, y);
      expect(Array.from(ours.labels)).toEqual(Array.from(ref.labels));
      expect(Array.from(ours.nSV)).toEqual(Array.from(ref.nSV));
      expect(ours.sv).toEqual(ref.sv);
      ours.rho.forEach((v, p) => expect(v).toBeCloseTo(ref.rho[p], 3));
      const scale = Math.max(...Array.from(ref.svCoef, Math.abs));
      ours.svCoef.forEach((v, i) => expect(Math.abs(v - ref.svCoef[i])).toBeLessThan(2e-3 * scale));
    });
  }

  it('class weights scale the box: |y_i α_i| ≤ C·w of the sample’s class, with samples at both bounds', () => {
    const { X, y } = subset(90, 3);
    const labels = Int32Array.from(y);
    const C = 0.5;
    const weights = Float64Array.of(4, 1, 0.25);
    const res = trainSmo(X, labels, Int32Array.of(0, 1, 2), {
      kernel: 'rbf',
      gamma: 0.05,
      coef0: 0,
      degree: 3,
      C,
      weights,
      tol: 1e-3,
      shrinking: true,
      cacheSize: 1,
      multiclass: 'ovo',
    });
    // Pair (0, 2): class 0 is +1 (box C·4), class 2 is −1 (box C·0.25).
    const counts = [0, 1, 2].map((c) => y.filter((v) => v === c).length);
    const a = res.solutions[1].alpha;
    let atUpper2 = 0;
    for (let i = 0; i < counts[0]; i++) {
      expect(a[i]).toBeGreaterThanOrEqual(0);
      expect(a[i]).toBeLessThanOrEqual(C * 4 + 1e-12);
    }
    for (let i = counts[0]; i < a.length; i++) {
      expect(a[i]).toBeLessThanOrEqual(0);
      expect(-a[i]).toBeLessThanOrEqual(C * 0.25 + 1e-12);
      if (-a[i] === C * 0.25) atUpper2++;
    }
    expect(atUpper2).toBeGreaterThan(0);
    // y_i α_i sums to zero in every pair (equality constraint).
    for (const s of res.solutions) expect(Math.abs(s.alpha.reduce((p, v) => p + v, 0))).toBeLessThan(1e-9);
  });

  it('one-vs-rest machines put class k first with labels (1, −1)', () => {
    const { X, y } = subset(60, 3);
    const res = trainSmo(X, Int32Array.from(y), Int32Array.of(0, 1, 2), {
      kernel: 'rbf',
      gamma: 0.05,
      coef0: 0,
      degree: 3,
      C: 1,
      weights: new Float64Array(3).fill(1),
      tol: 1e-3,
      shrinking: true,
      cacheSize: 10,
      multiclass: 'ovr',
    });
    expect(res.models).toHaveLength(3);
    for (const m of res.models) {
      expect(Array.from(m.labels)).toEqual([1, -1]);
      for (let s = 0; s < m.totalSV; s++) expect(Math.sign(m.svCoef[s])).toBe(s < m.nSV[0] ? 1 : -1);
    }
  });
});
