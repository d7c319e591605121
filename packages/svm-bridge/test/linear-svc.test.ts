import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LinearSVC, SvmBridgeError } from '../src/index';
import { agreement, blobs, digits, digitsRows } from './helpers';

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
      const binary = new LinearSVC(opts).fit(
        X,
        Int32Array.from(y, (v) => (v === k ? 1 : 0)),
      );
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

describe('LinearSVC on inputs that must fail loudly', () => {
  it('refuses features whose squared row norms overflow, instead of a silent all-zero model', () => {
    const X = { data: new Float64Array([0, 0, 0, 1e200, 1e200, 0, 1e200, 1e200]), rows: 4, cols: 2 };
    const err = (() => {
      try {
        new LinearSVC().fit(X, [0, 0, 1, 1]);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SvmBridgeError);
    expect((err as Error).message).toMatch(
      /X\[1\]: expected features whose squared row norms are finite, received a row whose squared norm overflows \(Infinity\)\. The input data may contain large values and need to be preprocessed/,
    );
  });

  it('refuses decision values that are not finite at predict time', () => {
    const { X, y } = blobs(10);
    const clf = LinearSVC.load(
      new LinearSVC()
        .fit(X, y)
        .save()
        .replace(/"coef":\[[^\]]*\]/, '"coef":[2,2]'),
    );
    expect(() => clf.predict({ data: new Float64Array([1e308, 1e308]), rows: 1, cols: 2 })).toThrow(
      /X\[0\].*decision value.*not finite/,
    );
  });

  it('refuses labels outside the int32 range instead of wrapping them', () => {
    const { X } = blobs(4);
    expect(() => new LinearSVC().fit(X, [0, 2 ** 31, 0, 2 ** 31])).toThrow(
      /y\[1\]: expected an integer class label in the int32 range .*, received 2147483648/,
    );
  });

  describe('LinearSVC.load validates every field and number', () => {
    const { X, y } = blobs(10);
    const text = new LinearSVC().fit(X, y).save();
    const cases: [string, (s: Record<string, unknown>) => void, RegExp][] = [
      ['coef missing', (s) => delete s.coef, /text\.coef: expected 2 finite numbers, received undefined/],
      ['coef too short', (s) => (s.coef = [1]), /text\.coef: expected 2 finite numbers, received Array\(1\)/],
      [
        'a coefficient not a number',
        (s) => ((s.coef as unknown[])[1] = 'x'),
        /text\.coef\[1\]: expected a finite number, received "x"/,
      ],
      [
        'a coefficient null (NaN written by JSON)',
        (s) => ((s.coef as unknown[])[0] = null),
        /text\.coef\[0\]: expected .*, received null/,
      ],
      ['intercept missing', (s) => delete s.intercept, /text\.intercept: expected 1 finite number, received undefined/],
      [
        'intercept NaN (written as null by JSON)',
        (s) => (s.intercept = [Number.NaN]),
        /text\.intercept\[0\]: expected .*, received null/,
      ],
      ['classes beyond int32', (s) => (s.classes = [0, 2 ** 31]), /text\.classes\[1\]: expected .*, received 2147483648/],
      ['classes missing', (s) => delete s.classes, /text\.classes: expected .*, received undefined/],
      [
        'three classes for one machine',
        (s) => (s.classes = [0, 1, 2]),
        /text\.coef: expected 6 finite numbers, received Array\(2\)/,
      ],
      ['nFeatures fractional', (s) => (s.nFeatures = 1.5), /text\.nFeatures: expected a positive integer, received 1\.5/],
      ['nIter negative', (s) => (s.nIter = [-1]), /text\.nIter\[0\]: expected a non-negative integer, received -1/],
      ['a bad option', (s) => ((s.options as Record<string, unknown>).C = 0), /text\.options\.C: expected .*, received 0/],
    ];
    for (const [what, f, message] of cases) {
      it(what, () => {
        const s = JSON.parse(text) as Record<string, unknown>;
        f(s);
        expect(() => LinearSVC.load(JSON.stringify(s))).toThrow(message);
        expect(() => LinearSVC.load(JSON.stringify(s))).toThrow(SvmBridgeError);
      });
    }

    it('names the file of a truncated save, and round-trips through saveFile/loadFile', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'svm-bridge-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const path = join(dir, 'linear.json');
      const clf = LinearSVC.load(text);
      await clf.saveFile(path);
      expect((await LinearSVC.loadFile(path)).coef).toEqual(clf.coef);
      writeFileSync(path, readFileSync(path, 'utf8').slice(0, 40));
      const err = await LinearSVC.loadFile(path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SvmBridgeError);
      expect((err as SvmBridgeError).file).toBe(path);
      expect((err as Error).message.startsWith(`${path}: text: expected JSON written by LinearSVC.save()`)).toBe(true);
      expect(() => LinearSVC.load(text.replace(/"intercept":\[[^\]]*\]/, '"intercept":[1e999]'))).toThrow(
        'text.intercept[0]: expected a finite number, received Infinity',
      );
    });
  });
});
