import { describe, expect, it } from 'vitest';
import { LinearSVC, SVC, SvmBridgeError, fromModel, trainOnModelFeatures, type LayerFeatureExtractor } from '../src/index';
import { digits } from './helpers';

/** A stand-in for a trained network: one dense ReLU layer 'hidden' (64 → 128, fixed weights) and the identity 'input'. */
interface FakeModel {
  weights: Float32Array;
  units: number;
}
interface FakeData {
  images: Float32Array;
  shape: readonly number[];
  labels: ArrayLike<number>;
}

const model: FakeModel = (() => {
  let s = 7;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647 - 0.5) * 0.5;
  return { weights: Float32Array.from({ length: 64 * 128 }, rnd), units: 128 };
})();

const calls: { layerName: string; batchSize?: number }[] = [];
/** Same contract as `extractFeatures` from @dlkit/models: rows × cols Float32Array of the named layer. */
const fakeExtract: LayerFeatureExtractor<FakeModel, FakeData> = (m, layerName, data, options) => {
  calls.push({ layerName, batchSize: options.batchSize });
  const [n, d] = data.shape;
  if (layerName === 'input') return { data: data.images.slice(), rows: n, cols: d };
  if (layerName !== 'hidden') throw new Error(`no layer named ${layerName}`);
  const out = new Float32Array(n * m.units);
  for (let r = 0; r < n; r++) {
    for (let u = 0; u < m.units; u++) {
      let a = 0;
      for (let k = 0; k < d; k++) a += data.images[r * d + k] * m.weights[k * m.units + u];
      out[r * m.units + u] = Math.max(a, 0);
    }
  }
  return { data: out, rows: n, cols: m.units };
};

function split(from: number, to: number): FakeData {
  const images = Float32Array.from(digits.pixels16.slice(from * 64, to * 64), (v) => v / 16);
  return { images, shape: [to - from, 64], labels: digits.y.slice(from, to) };
}
const train = split(0, digits.nTrain);
const test = split(digits.nTrain, digits.rows);

describe('fromModel', () => {
  it('returns the checked features of the named layer and forwards batchSize', async () => {
    calls.length = 0;
    const X = await fromModel(fakeExtract, model, 'hidden', test, { batchSize: 16, expectedRows: test.shape[0] });
    expect(X.rows).toBe(test.shape[0]);
    expect(X.cols).toBe(128);
    expect(X.data).toBeInstanceOf(Float32Array);
    expect(calls).toEqual([{ layerName: 'hidden', batchSize: 16 }]);
    // Row 0 equals ReLU(x0 · W) computed directly.
    let a = 0;
    for (let k = 0; k < 64; k++) a += test.images[k] * model.weights[k * 128];
    expect(X.data[0]).toBeCloseTo(Math.max(a, 0), 5);
  });

  it('accepts an async extractor', async () => {
    const asyncExtract: LayerFeatureExtractor<FakeModel, FakeData> = async (m, l, d, o) => fakeExtract(m, l, d, o);
    const X = await fromModel(asyncExtract, model, 'input', test);
    expect(X.cols).toBe(64);
  });

  it('rejects bad arguments and bad features with SvmBridgeError', async () => {
    await expect(fromModel(fakeExtract, model, '', test)).rejects.toThrow(SvmBridgeError);
    await expect(fromModel(fakeExtract, model, 'hidden', test, { batchSize: 0 })).rejects.toMatchObject({
      argument: 'options.batchSize',
    });
    await expect(fromModel(null as unknown as typeof fakeExtract, model, 'hidden', test)).rejects.toMatchObject({
      argument: 'extract',
    });
    await expect(fromModel(fakeExtract, model, 'hidden', test, { expectedRows: 3 })).rejects.toMatchObject({
      argument: 'features of layer "hidden".rows',
    });
    const nan: LayerFeatureExtractor<FakeModel, FakeData> = () => ({ data: new Float32Array([1, Number.NaN]), rows: 1, cols: 2 });
    await expect(fromModel(nan, model, 'hidden', test)).rejects.toMatchObject({ argument: 'features of layer "hidden".data[1]' });
    const ragged: LayerFeatureExtractor<FakeModel, FakeData> = () => ({ data: new Float32Array(5), rows: 2, cols: 3 });
    await expect(fromModel(ragged, model, 'hidden', test)).rejects.toThrow(/length rows \* cols/);
    await expect(fromModel(fakeExtract, model, 'nope', test)).rejects.toThrow(/no layer named nope/);
  });
});

describe('trainOnModelFeatures', () => {
  it('hidden-layer features → standardised → LinearSVC: ≥ 90% on the digits test split', async () => {
    const r = await trainOnModelFeatures(fakeExtract, model, 'hidden', train, test, { classifier: new LinearSVC({ C: 0.1 }) });
    expect(r.classifier).toBeInstanceOf(LinearSVC);
    expect(r.trainFeatures.cols).toBe(128);
    expect(r.predictions.length).toBe(test.shape[0]);
    expect(r.accuracy).toBeGreaterThanOrEqual(0.9);
    // The scaler was fitted on training features only: their column means are ~0, and it reproduces testFeatures.
    let mean = 0;
    for (let i = 0; i < r.trainFeatures.rows; i++) mean += r.trainFeatures.data[i * 128];
    mean /= r.trainFeatures.rows;
    expect(Math.abs(mean)).toBeLessThan(1e-4);
    const again = r.scaler!.transform(await fromModel(fakeExtract, model, 'hidden', test));
    expect(Array.from(again.data.subarray(0, 8))).toEqual(Array.from(r.testFeatures.data.subarray(0, 8)));
    // Accuracy matches the predictions.
    const hits = r.predictions.reduce((s, p, i) => s + (p === test.labels[i] ? 1 : 0), 0);
    expect(r.accuracy).toBe(hits / test.shape[0]);
  });

  it('works with an RBF SVC and no scaler', async () => {
    const r = await trainOnModelFeatures(fakeExtract, model, 'input', train, test, {
      classifier: new SVC({ C: 5, gamma: 'scale' }),
      scaler: 'none',
    });
    expect(r.scaler).toBeUndefined();
    expect(r.accuracy).toBeGreaterThanOrEqual(0.93);
  });

  it('rejects bad options and labels', async () => {
    await expect(
      trainOnModelFeatures(fakeExtract, model, 'hidden', train, test, { scaler: 'zscore' as 'standard' }),
    ).rejects.toMatchObject({ argument: 'options.scaler' });
    const badTest = { ...test, labels: Array.from(test.labels).slice(0, 5) };
    await expect(trainOnModelFeatures(fakeExtract, model, 'hidden', train, badTest)).rejects.toMatchObject({
      argument: 'test.labels',
    });
  });
});
