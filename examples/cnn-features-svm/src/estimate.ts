import type { ImageDataset } from '@dlkit/datasets';
import { LinearSVC } from '@dlkit/svm-bridge';
import { firstImages } from '@dlkit-examples/common';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { extractLayers } from './extract-layers';

/** What a run on a loaded network should take, measured on this machine now. */
export interface RunEstimate {
  /** Wall seconds of one image's forward pass (batches of 256). */
  secondsPerImage: number;
  /** Images through the network: the training and test sets once for the features, the test set for the softmax head. */
  images: number;
  /** Expected seconds of the forward passes. */
  passSeconds: number;
  /** Upper bound of the linear SVMs' seconds: every one-vs-rest problem running all `maxIter` passes. */
  svmSeconds: number;
  /** `passSeconds + svmSeconds`. */
  seconds: number;
}

/** Options of {@link estimateRun}. */
export interface EstimateOptions {
  /** Feature layers of the run. */
  layers: readonly string[];
  /** The linear SVM's pass limit (`--max-iter`). */
  maxIter: number;
  /** Images timed (after a warm-up batch). Default 256. */
  sample?: number;
}

/**
 * Times the forward pass on a few training images and one-vs-rest `LinearSVC` passes on a small random
 * problem of each layer's width, and scales both to the run's size: `(train + 2 × test) × s/image` for the
 * passes (features of both sets in one pass, the softmax head on the test set), and per layer
 * `s/(row·pass) × train × maxIter` for the SVMs — an upper bound, since real features converge in fewer passes
 * (seed runs: 50–200 on 192 features; on overlapping synthetic 50 000 × 192 features 49 passes, 6.3 s).
 * Printed before a long run starts; as good as the machine's load is steady.
 *
 * @example
 * ```ts
 * const e = estimateRun(model, data.train, data.test, { layers: ['fc1', 'fc2'], maxIter: 200 });
 * console.log(`≈ ${(e.seconds / 60).toFixed(0)} min`);
 * ```
 */
export function estimateRun(
  model: LayersModel,
  trainSet: ImageDataset<Float32Array>,
  testSet: ImageDataset<Float32Array>,
  options: EstimateOptions,
): RunEstimate {
  const sample = firstImages(trainSet, options.sample ?? 256);
  extractLayers(model, options.layers, firstImages(trainSet, 32));
  let t = performance.now();
  const features = extractLayers(model, options.layers, sample);
  const secondsPerImage = (performance.now() - t) / 1000 / sample.shape[0];
  const images = trainSet.shape[0] + 2 * testSet.shape[0];

  // A fixed number of passes on noise with random labels (the tolerance is never met) gives the cost of one
  // pass per row; the real problem's passes are at most maxIter.
  const rows = 2000;
  const passes = 5;
  let svmSeconds = 0;
  for (const f of features.values()) {
    const data = Float32Array.from({ length: rows * f.cols }, (_, i) => ((i * 2654435761) >>> 0) / 2 ** 32 - 0.5);
    const y = Int32Array.from({ length: rows }, (_, i) => (i * 7) % trainSet.classNames.length);
    t = performance.now();
    new LinearSVC({ C: 0.01, maxIter: passes, tol: 1e-12, seed: 1 }).fit({ data, rows, cols: f.cols }, y);
    const perRowPass = (performance.now() - t) / 1000 / rows / passes;
    svmSeconds += perRowPass * trainSet.shape[0] * options.maxIter;
  }
  const passSeconds = secondsPerImage * images;
  return { secondsPerImage, images, passSeconds, svmSeconds, seconds: passSeconds + svmSeconds };
}
