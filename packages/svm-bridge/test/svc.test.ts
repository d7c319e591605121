import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SVC, SvmBridgeError } from '../src/index';
import { agreement, blobs, digits, digitsRows, pick } from './helpers';

const Xtr = digitsRows(0, digits.nTrain);
const Xte = digitsRows(digits.nTrain, digits.rows);
const ytr = Int32Array.from(digits.y.slice(0, digits.nTrain));

describe('SVC agrees with scikit-learn SVC on the digits fixture', () => {
  for (const ref of digits.svc) {
    it(`${JSON.stringify(ref.options)}: ≥ 99.5% identical predictions`, async () => {
      const svc = await new SVC(ref.options).fit(Xtr, ytr);
      expect(svc.gamma).toBeCloseTo(ref.gamma, 6);
      const pred = svc.predict(Xte);
      expect(agreement(pred, ref.predictions)).toBeGreaterThanOrEqual(0.995);
      expect(Math.abs(svc.supportVectorCount - ref.nSupport)).toBeLessThanOrEqual(Math.ceil(ref.nSupport * 0.02));
      const dec = svc.decisionFunction(pick(Array.from({ length: 10 }, (_, i) => digits.nTrain + i)));
      expect(dec.cols).toBe(45);
      for (let r = 0; r < 10; r++)
        for (let p = 0; p < 45; p++) expect(dec.data[r * 45 + p]).toBeCloseTo(ref.decisionOvoFirst10[r][p], 2);
    });
  }

  it('does not depend on the order in which classes first appear (libsvm keeps first-seen order)', async () => {
    const ref = digits.svc[1];
    const order = Array.from({ length: digits.nTrain }, (_, i) => digits.nTrain - 1 - i);
    const svc = await new SVC(ref.options).fit(
      pick(order),
      order.map((r) => digits.y[r]),
    );
    expect(agreement(svc.predict(Xte), ref.predictions)).toBeGreaterThanOrEqual(0.995);
    const dec = svc.decisionFunction(pick([digits.nTrain]));
    for (let p = 0; p < 45; p++) expect(dec.data[p]).toBeCloseTo(ref.decisionOvoFirst10[0][p], 2);
  });

  it('binary decision function is positive for classes[1], as scikit-learn', async () => {
    const b = digits.binary;
    const svc = await new SVC(b.options).fit(
      pick(b.trainRows),
      b.trainRows.map((r) => digits.y[r]),
    );
    expect(Array.from(svc.classes)).toEqual([3, 8]);
    const dec = svc.decisionFunction(pick(b.testRows));
    expect(dec.cols).toBe(1);
    b.decision.forEach((v, i) => expect(dec.data[i]).toBeCloseTo(v, 3));
    const pred = svc.predict(pick(b.testRows));
    pred.forEach((p, i) => expect(p).toBe(dec.data[i] > 0 ? 8 : 3));
  });
});

describe('SVC', () => {
  it("trains with the TypeScript SMO solver by default, agreeing with solver: 'libsvm'", async () => {
    const opts = { kernel: 'rbf', C: 5, gamma: 0.05 } as const;
    const smo = await new SVC(opts).fit(Xtr, ytr);
    expect(smo.options.solver).toBe('smo');
    const lib = await new SVC({ ...opts, solver: 'libsvm' }).fit(Xtr, ytr);
    expect(agreement(smo.predict(Xte), lib.predict(Xte))).toBeGreaterThanOrEqual(0.998);
    expect(Math.abs(smo.supportVectorCount - lib.supportVectorCount)).toBeLessThanOrEqual(3);
    const a = smo.decisionFunction(Xte).data;
    const b = lib.decisionFunction(Xte).data;
    for (let i = 0; i < 450; i++) expect(a[i]).toBeCloseTo(b[i], 2);
    expect(() => new SVC({ solver: 'fast' as 'smo' })).toThrow(/options\.solver/);
  });

  it('one-vs-rest reaches the one-vs-one accuracy on digits and scores one column per class', async () => {
    const yte = digits.y.slice(digits.nTrain);
    const ovr = await new SVC({ C: 5, gamma: 0.05, multiclass: 'ovr' }).fit(Xtr, ytr);
    const dec = ovr.decisionFunction(Xte);
    expect(dec.cols).toBe(10);
    const pred = ovr.predict(Xte);
    for (let r = 0; r < Xte.rows; r++) {
      let best = 0;
      for (let k = 1; k < 10; k++) if (dec.data[r * 10 + k] > dec.data[r * 10 + best]) best = k;
      expect(pred[r]).toBe(best);
    }
    expect(agreement(pred, yte)).toBeGreaterThan(0.94);
  });

  it('save/load round-trips to identical predictions and decision values', async () => {
    const svc = await new SVC({ kernel: 'poly', C: 0.5, gamma: 0.1, degree: 2, coef0: 1 }).fit(Xtr, ytr);
    const again = await SVC.load(svc.save());
    expect(Array.from(again.predict(Xte))).toEqual(Array.from(svc.predict(Xte)));
    expect(again.decisionFunction(Xte).data).toEqual(svc.decisionFunction(Xte).data);
    expect(again.options.kernel).toBe('poly');
    await expect(SVC.load('{"format":"other"}')).rejects.toBeInstanceOf(SvmBridgeError);
    await expect(SVC.load('not json')).rejects.toThrow(/SVC.save/);
  });

  it('probability estimates sum to one and follow the predicted class', async () => {
    const { X, y } = blobs(80, 3);
    const y3 = y.map((v, i) => (i % 3 === 0 ? 2 : v));
    for (let i = 0; i < X.rows; i++) if (y3[i] === 2) X.data[i * 3] += 8;
    for (const multiclass of ['ovo', 'ovr'] as const) {
      const svc = await new SVC({ C: 1, gamma: 0.5, probability: true, multiclass }).fit(X, y3);
      const p = svc.predictProbability(X);
      expect(p.cols).toBe(3);
      let agree = 0;
      const pred = svc.predict(X);
      for (let r = 0; r < X.rows; r++) {
        const row = Array.from(p.data.subarray(r * 3, r * 3 + 3));
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        if (svc.classes[row.indexOf(Math.max(...row))] === pred[r]) agree++;
      }
      expect(agree / X.rows).toBeGreaterThan(0.95);
      svc.dispose();
    }
    const noProb = await new SVC().fit(X, y3);
    expect(() => noProb.predictProbability(X)).toThrow(/probability/);
  });

  it('class weights move the boundary towards the light class', async () => {
    const { X, y } = blobs(60, 1);
    for (let i = 0; i < X.rows; i++) X.data[i] *= 0.3; // overlapping blobs
    const probe = { data: Float32Array.from({ length: 41 }, (_, i) => -1 + i / 20), rows: 41, cols: 1 };
    const count = async (w?: Record<number, number>) =>
      (await new SVC({ kernel: 'linear', C: 1, classWeight: w }).fit(X, y)).predict(probe).filter((v) => v === 1).length;
    expect(await count({ 1: 10 })).toBeGreaterThan(await count({ 0: 10 }));
    const balanced = await new SVC({ classWeight: 'balanced' }).fit(X, y);
    expect(balanced.predict(X).length).toBe(60);
  });

  it('rejects bad input before libsvm sees it', async () => {
    const { X, y } = blobs(10);
    const nan = { ...X, data: X.data.slice() };
    nan.data[3] = Number.NaN;
    await expect(new SVC().fit(nan, y)).rejects.toThrow(/X\.data\[3\]: expected a finite number, received NaN/);
    const inf = { ...X, data: X.data.slice() };
    inf.data[0] = Infinity;
    await expect(new SVC().fit(inf, y)).rejects.toBeInstanceOf(SvmBridgeError);
    await expect(new SVC().fit({ data: new Float32Array(7), rows: 4, cols: 2 }, [0, 1, 0, 1])).rejects.toThrow(/rows \* cols/);
    await expect(new SVC().fit(X, new Int32Array(10))).rejects.toThrow(/at least 2 classes/);
    await expect(new SVC().fit(X, new Int32Array(9))).rejects.toThrow(/length 10/);
    const svc = await new SVC().fit(X, y);
    expect(() => svc.predict({ data: new Float32Array(6), rows: 2, cols: 3 })).toThrow(/2 features, as at fit time/);
    expect(() => new SVC({ C: 0 })).toThrow(SvmBridgeError);
    expect(() => new SVC({ gamma: -1 })).toThrow(/options\.gamma/);
    expect(() => new SVC({ kernel: 'cubic' as 'rbf' })).toThrow(/one of linear, rbf, poly, sigmoid/);
    expect(() => new SVC().predict(X)).toThrow(/unfitted/);
  });
});

/** Four points whose squared features overflow float32 kernel values: libsvm's solution goes NaN. */
const huge = { data: new Float64Array([0, 0, 0, 1e30, 1e30, 0, 1e30, 1e30]), rows: 4, cols: 2 };
const hugeY = new Int32Array([0, 0, 1, 1]);

describe('SVC on inputs that must fail loudly', () => {
  it('refuses a solution that is not finite (huge features), as scikit-learn, with either solver', async () => {
    for (const solver of ['smo', 'libsvm'] as const) {
      const err = await new SVC({ kernel: 'linear', solver }).fit(huge, hugeY).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SvmBridgeError);
      expect((err as SvmBridgeError).argument).toBe('X');
      expect((err as Error).message).toMatch(
        /The dual coefficients or intercepts are not finite\. The input data may contain large values and need to be preprocessed/,
      );
    }
  });

  it('refuses to predict from decision values that are not finite (a row too large for the kernel)', async () => {
    const { X, y } = blobs(10);
    const svc = await new SVC({ kernel: 'linear' }).fit(X, y);
    const far = { data: new Float64Array([1e308, 1e308]), rows: 1, cols: 2 };
    expect(() => svc.predict(far)).toThrow(/X\[0\].*decision value.*not finite/);
    expect(() => svc.decisionFunction(far)).toThrow(SvmBridgeError);
  });

  it('refuses labels outside the int32 range instead of wrapping them', async () => {
    const { X } = blobs(4);
    await expect(new SVC().fit(X, [0, 2 ** 31, 0, 2 ** 31])).rejects.toThrow(
      /y\[1\]: expected an integer class label in the int32 range .*, received 2147483648/,
    );
    await expect(new SVC().fit(X, [-(2 ** 31) - 1, 0, 0, 1])).rejects.toThrow(SvmBridgeError);
  });

  describe('SVC.load validates every field and number of the saved model', () => {
    const { X, y } = blobs(10);
    const fitted = new SVC({ kernel: 'rbf', C: 2, gamma: 0.5 }).fit(X, y);
    const saved = async () =>
      JSON.parse((await fitted).save()) as Record<string, unknown> & { models: string[]; options: Record<string, unknown> };
    const mutate = async (f: (s: Awaited<ReturnType<typeof saved>>) => void) => {
      const s = await saved();
      f(s);
      return JSON.stringify(s);
    };
    const model = (s: { models: string[] }, from: RegExp | string, to: string) => {
      s.models[0] = s.models[0].replace(from, to);
    };
    const cases: [string, (s: Awaited<ReturnType<typeof saved>>) => void, RegExp][] = [
      ['gamma null', (s) => (s.gamma = null), /text\.gamma: expected a positive finite number, received null/],
      ['gamma negative', (s) => (s.gamma = -1), /text\.gamma/],
      ['gamma a string', (s) => (s.gamma = '0.5'), /text\.gamma/],
      ['classes missing', (s) => delete s.classes, /text\.classes: expected .*, received undefined/],
      [
        'a class beyond int32',
        (s) => (s.classes = [0, 2 ** 31]),
        /text\.classes\[1\]: expected an integer in the int32 range, received 2147483648/,
      ],
      ['a fractional class', (s) => (s.classes = [0, 0.5]), /text\.classes\[1\]/],
      ['classes unsorted', (s) => (s.classes = [1, 0]), /text\.classes: .*sorted/],
      ['one class', (s) => (s.classes = [0]), /text\.classes/],
      ['nFeatures zero', (s) => (s.nFeatures = 0), /text\.nFeatures: expected a positive integer, received 0/],
      ['nFeatures a string', (s) => (s.nFeatures = '2'), /text\.nFeatures/],
      ['a bad option', (s) => (s.options.C = -1), /text\.options\.C: expected .*, received -1/],
      [
        'models not strings',
        (s) => (s.models = [1 as unknown as string]),
        /text\.models\[0\]: expected a libsvm model string, received 1/,
      ],
      [
        'two models for one-vs-one',
        (s) => s.models.push(s.models[0]),
        /text\.models: expected 1 model \(one-vs-one\), received Array\(2\)/,
      ],
      [
        'rho not a number',
        (s) => model(s, /^rho .*$/m, 'rho nan'),
        /text\.models\[0\]\.rho: expected 1 finite number, received "nan"/,
      ],
      [
        'a support vector coefficient not a number',
        (s) => model(s, /^SV\n\S+/m, 'SV\nx'),
        /text\.models\[0\]\.SV\[0\]\.coef: expected a finite number, received "x"/,
      ],
      [
        'a support vector value too large',
        (s) => model(s, /^(SV\n\S+ 1:)\S+/m, '$11e999'),
        /text\.models\[0\]\.SV\[0\]\[1\]: expected a finite number, received "1e999"/,
      ],
      [
        'a feature index beyond nFeatures',
        (s) => model(s, /^(SV\n\S+ )1:/m, '$13:'),
        /text\.models\[0\]\.SV\[0\]: expected an index in 1\.\.2, received feature index 3/,
      ],
      [
        'a fractional feature index',
        (s) => model(s, /^(SV\n\S+ )1:/m, '$11.5:'),
        /text\.models\[0\]\.SV\[0\]: expected .*, received feature index 1\.5/,
      ],
      [
        'nr_sv not summing to total_sv',
        (s) => model(s, /^nr_sv (\d+)/m, 'nr_sv 1000'),
        /text\.models\[0\]\.nr_sv: .*sum to total_sv/,
      ],
      [
        'a support vector line missing',
        (s) => model(s, /\n[^\n]*\n$/, '\n'),
        /text\.models\[0\]\.SV: expected .*, received \d+ support vectors/,
      ],
      [
        'labels unlike the classes',
        (s) => model(s, /^label .*$/m, 'label 0 7'),
        /text\.models\[0\]\.label: expected the classes \[0, 1\], received \[0, 7\]/,
      ],
      [
        'gamma in the model unlike the saved gamma',
        (s) => model(s, /^gamma .*$/m, 'gamma 1e999'),
        /text\.models\[0\]\.gamma: expected a positive finite number, received "1e999"/,
      ],
    ];
    for (const [what, f, message] of cases) {
      it(what, async () => {
        const err = await SVC.load(await mutate(f)).catch((e: unknown) => e);
        expect(err).toBeInstanceOf(SvmBridgeError);
        expect((err as Error).message).toMatch(message);
      });
    }

    it('names the file of a truncated or corrupt save, and round-trips through saveFile/loadFile', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'svm-bridge-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const path = join(dir, 'svc.json');
      const svc = await fitted;
      await svc.saveFile(path);
      const back = await SVC.loadFile(path);
      expect(back.decisionFunction(X).data).toEqual(svc.decisionFunction(X).data);
      const text = readFileSync(path, 'utf8');
      writeFileSync(path, text.slice(0, text.length >> 1));
      const err = await SVC.loadFile(path).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SvmBridgeError);
      expect((err as SvmBridgeError).file).toBe(path);
      expect((err as Error).message).toMatch(
        new RegExp(
          `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: text: expected JSON written by SVC\\.save\\(\\) \\(format "dlkit-svm-bridge/svc"\\), received "`,
        ),
      );
      writeFileSync(path, text.replace(/"nFeatures":2/, '"nFeatures":-2'));
      await expect(SVC.loadFile(path)).rejects.toThrow(`${path}: text.nFeatures: expected a positive integer, received -2`);
      await expect(SVC.loadFile(join(dir, 'missing.json'))).rejects.toThrow(
        /missing\.json: path: expected a readable file written by SVC\.saveFile\(\), received ENOENT: no such file or directory.*/,
      );
    });
  });
});
