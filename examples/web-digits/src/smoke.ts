/**
 * The no-file-system packages, bundled by Vite and run in the page on the engine of `?engine=` (default
 * WebGL, falling back to wasm): each check computes something whose answer is known in advance. The e2e
 * test reads `#results` (JSON) and `body[data-state]`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { channelStats, DatasetError, fetchBytes, fetchMnist, md5, normalize, parseIdx, stratifiedHoldOut } from '@dlkit/datasets';
import { PCA } from '@dlkit/embeddings';
import { l2Pooling2d } from '@dlkit/layers';
import { confusionMatrix } from '@dlkit/metrics';
import { mnistConvNet } from '@dlkit/models';
import { startEngine } from './engine';

export interface SmokeResults {
  engine: string;
  confusionMatrix: number[][];
  l2Pool: number[];
  pca: { component: number[]; explainedVarianceRatio: number };
  datasets: { mean: number; std: number; normalized: number[]; trainSize: number; testSize: number };
  fetchMnist: {
    trainShape: number[];
    testShape: number[];
    trainLabels: number[];
    testLabels: number[];
    imagesType: string;
    pixelSum: number;
    /** DatasetError code and field when the same files are checked against the official MNIST md5 digests. */
    officialDigestsError: string;
  };
  fetchBytes: { shape: number[]; pixelSum: number; md5: string };
  /** Requests made by two fetchBytes calls for one new URL (the default Cache Storage serves the second), and whether they agree. */
  cache: { requests: number; same: boolean; cacheNames: string[] };
  convnet: { probabilitySum: number; parameters: number };
}

async function run(): Promise<SmokeResults> {
  const info = await startEngine(location.search);
  document.getElementById('engine')!.textContent = info.engine;

  // @dlkit/metrics: scikit-learn's confusion_matrix docstring example.
  const cm = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]).toArray();

  // @dlkit/layers: L2 pooling of [[3, 4], [0, 0]] is sqrt(9 + 16) = 5, on the active engine.
  const pooled = tf.tidy(() =>
    Array.from((l2Pooling2d({ poolSize: 2 }).apply(tf.tensor4d([3, 4, 0, 0, 6, 8, 0, 0], [2, 2, 2, 1])) as tf.Tensor).dataSync()),
  );

  // @dlkit/embeddings: points on the line y = 2x have one component, (1, 2)/√5, explaining everything.
  const pca = new PCA({ nComponents: 1 }).fit({ data: new Float32Array([1, 2, 2, 4, 3, 6, 4, 8, 5, 10]), rows: 5, cols: 2 });

  // @dlkit/datasets (its browser entry): standardisation and a stratified split.
  const stats = channelStats([0, 2, 4, 6], [1, 2, 2, 1]);
  const normalized = Array.from(normalize([0, 2, 4, 6], [1, 2, 2, 1], stats));
  const split = stratifiedHoldOut(new Uint8Array([0, 0, 0, 0, 1, 1, 1, 1, 1, 1]), { testFraction: 0.5, seed: 0 });

  // @dlkit/datasets' HTTP loaders. fetchMnist: four tiny IDX .gz files (16 + 4 real digits) from public/mnist-tiny/.
  // Vite serves .gz files with Content-Encoding: gzip, so the browser gunzips them and the stored md5 cannot
  // be checked: verify: false, and the default (official digests) must fail saying so.
  const tiny = await fetchMnist({ baseUrl: 'mnist-tiny/', verify: false, dtype: 'float32' });
  let officialDigestsError = 'none';
  try {
    await fetchMnist({ baseUrl: 'mnist-tiny/' });
  } catch (e) {
    officialDigestsError = e instanceof DatasetError ? `${e.code} ${e.field ?? ''}` : String(e);
  }
  // fetchBytes on a gzip file served as is: md5 (pure TS) checked, then gunzipped by DecompressionStream.
  const digests = (await (await fetch('mnist-tiny/md5.json')).json()) as Record<string, string>;
  const stored = await fetchBytes(new URL('mnist-tiny/t10k-images-idx3-ubyte.gzip', location.href).href, {
    expectedMd5: digests['t10k-images-idx3-ubyte.gzip'],
  });
  const storedImages = parseIdx(stored, { dtype: 'uint8', rank: 3 });
  // The browser default: files fetched once are kept in Cache Storage and read back without a request.
  let requests = 0;
  const counting = (input: string, init: { signal?: AbortSignal }): Promise<Response> => {
    requests++;
    return fetch(input, init);
  };
  const fresh = new URL(`mnist-tiny/t10k-images-idx3-ubyte.gzip?cache-check=${Date.now()}`, location.href).href;
  const once = await fetchBytes(fresh, { fetch: counting, expectedMd5: digests['t10k-images-idx3-ubyte.gzip'] });
  const twice = await fetchBytes(fresh, { fetch: counting, expectedMd5: digests['t10k-images-idx3-ubyte.gzip'] });
  const same = once.length === twice.length && once.every((v, i) => v === twice[i]);

  // @dlkit/models: build the seed ConvNet (with @dlkit/layers' custom layers) and run it.
  const model = mnistConvNet({ nstates: [4, 4, 8], seed: 1 });
  const probabilitySum = tf.tidy(() => tf.sum(model.predict(tf.zeros([1, 28, 28, 1])) as tf.Tensor).dataSync()[0]!);

  return {
    engine: info.engine,
    confusionMatrix: cm,
    l2Pool: pooled,
    pca: { component: Array.from(pca.components.data), explainedVarianceRatio: pca.explainedVarianceRatio[0]! },
    datasets: {
      mean: stats.mean[0]!,
      std: stats.std[0]!,
      normalized,
      trainSize: split.train.length,
      testSize: split.test.length,
    },
    fetchMnist: {
      trainShape: tiny.train.shape,
      testShape: tiny.test.shape,
      trainLabels: Array.from(tiny.train.labels),
      testLabels: Array.from(tiny.test.labels),
      imagesType: tiny.train.images.constructor.name,
      pixelSum: tiny.train.images.reduce((s, v) => s + v, 0) + tiny.test.images.reduce((s, v) => s + v, 0),
      officialDigestsError,
    },
    fetchBytes: {
      shape: storedImages.shape,
      pixelSum: Array.from(storedImages.data).reduce((sum, v) => sum + v, 0),
      md5: md5(stored),
    },
    cache: { requests, same, cacheNames: await caches.keys() },
    convnet: { probabilitySum, parameters: model.countParams() },
  };
}

run().then(
  (r) => {
    document.getElementById('results')!.textContent = JSON.stringify(r, null, 2);
    document.body.dataset.state = 'done';
  },
  (e: unknown) => {
    document.getElementById('results')!.textContent =
      e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e);
    document.body.dataset.state = 'error';
  },
);
