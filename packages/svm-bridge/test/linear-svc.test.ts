import { describe, expect, it } from 'vitest';
import { LinearSVC, SvmBridgeError } from '../src/index.js';
import { agreement, blobs, digits, digitsRows } from './helpers.js';

const Xtr = digitsRows(0, digits.nTrain);
const Xte = digitsRows(digits.nTrain, digits.rows);
const ytr = Int32Array.from(digits.y.slice(0, digits.nTrain));

describe('LinearSVC (dual coordinate descent) vs scikit-learn LinearSVC', () => {
  it('squared hinge: same weights to 1e-3 and ≥ 99.5% identical predictions', () => {
    const ref = digits.linear[0];
    const clf = new LinearSVC({ C: ref.options.C, loss: ref.options.loss, tol: ref.options.tol, maxIter: 100_000 }).fit(Xtr, ytr);
    expect(agreement(clf.predict(Xte), ref.predictions)).toBeGreaterThanOrEqual(0.995);
    const coef = clf.coef;
    const cols = digits.cols;
    let maxDiff = 0;
    ref.coef?.forEach((row, k) => row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(coef[k * cols + j] - v)))));
    expect(maxDiff).toBeLessThan(1e-3);
    ref.intercept?.forEach((v, k) => expect(clf.intercept[k]).toBeCloseTo(v, 3));
  });

  it('hinge loss: ≥ 99.5% identical predictions', () => {
    const ref = digits.linear[1];
    const clf = new LinearSVC({ C: ref.options.C, loss: 'hinge', tol: ref.options.tol, maxIter: 100_000 }).fit(Xtr, ytr);
    expect(agreement(clf.predict(Xte), ref.predictions)).toBeGreaterThanOrEqual(0.995);
  });

  it('binary problems use one machine favouring classes[1]; save/load round-trips', () => {
    const { X, y } = blobs(100, 4);
    const clf = new LinearSVC().fit(X, y);
    const dec = clf.decisionFunction(X);
    expect(dec.cols).toBe(1);
    expect(agreement(clf.predict(X), y)).toBe(1);
    clf.predict(X).forEach((p, i) => expect(p).toBe(dec.data[i] > 0 ? 1 : 0));
    const again = LinearSVC.load(clf.save());
    expect(again.decisionFunction(X).data).toEqual(dec.data);
    expect(clf.nIter[0]).toBeGreaterThan(0);
    expect(() => LinearSVC.load('{}')).toThrow(SvmBridgeError);
  });

  it('one-vs-rest machine k equals the binary LinearSVC of class k against the rest', () => {
    const X = digitsRows(0, 500);
    const y = Int32Array.from(digits.y.slice(0, 500));
    const opts = { C: 0.1, tol: 1e-6, maxIter: 100_000 };
    const ovr = new LinearSVC(opts).fit(X, y);
    const cols = digits.cols;
    for (const k of [2, 7]) {
      const binary = new LinearSVC(opts).fit(X, Int32Array.from(y, (v) => (v === k ? 1 : 0)));
      const diff = Math.max(...Array.from(binary.coef, (v, j) => Math.abs(v - ovr.coef[k * cols + j])));
      expect(diff).toBeLessThan(1e-3);
      expect(binary.intercept[0]).toBeCloseTo(ovr.intercept[k], 3);
    }
  });

  it('wasm SIMD and the TypeScript fallback give the same model; fits are deterministic for a seed', () => {
    const fast = new LinearSVC({ C: 0.05, seed: 7 }).fit(Xtr, ytr);
    expect(new LinearSVC({ C: 0.05, seed: 7 }).fit(Xtr, ytr).coef).toEqual(fast.coef);
    process.env.DLKIT_NO_SIMD = '1';
    try {
      const slow = new LinearSVC({ C: 0.05, seed: 7 }).fit(Xtr, ytr);
      expect(Array.from(slow.nIter)).toEqual(Array.from(fast.nIter));
      const diff = Math.max(...Array.from(slow.coef, (v, j) => Math.abs(v - fast.coef[j])));
      expect(diff).toBeLessThan(1e-9);
    } finally {
      delete process.env.DLKIT_NO_SIMD;
    }
  });

  it('rejects bad input and options', () => {
    const { X, y } = blobs(10);
    expect(() => new LinearSVC({ loss: 'log' as 'hinge' })).toThrow(/'hinge' or 'squared_hinge'/);
    expect(() => new LinearSVC({ C: -1 })).toThrow(/options\.C/);
    expect(() => new LinearSVC().fit(X, new Int32Array(10).fill(3))).toThrow(/at least 2 classes/);
    const clf = new LinearSVC().fit(X, y);
    expect(() => clf.predict({ data: new Float32Array(3), rows: 1, cols: 3 })).toThrow(/as at fit time/);
    expect(() => new LinearSVC().predict(X)).toThrow(/unfitted/);
  });
});
