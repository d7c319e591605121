import type { FeatureMatrix } from '@dlkit/embeddings';
import { accuracy } from '@dlkit/metrics';
import { extractFeatures, train, type TrainProgressEvent } from '@dlkit/models';
import { epochLogger, type Cli } from '@dlkit-examples/common';
import type { Data } from './data';
import { networkFor, type Network } from './network';
import type { Options } from './options';
import { secondsSince } from './timing';

type Model = Network['model'];

/** Features of one layer captured at one epoch. */
export interface Capture {
  epoch: number;
  layer: string;
  features: FeatureMatrix;
  extractSeconds: number;
}

/** What training with snapshots yields: the captured features, the test accuracy per snapshot epoch, the history. */
export interface SnapshotRun {
  captures: Capture[];
  testAccuracy: Map<number, number>;
  history: Awaited<ReturnType<typeof train>>['history'];
}

/** The seeded network for the data set, after checking that it has every layer of --layers (exits otherwise). */
export function buildModel(options: Options, data: Data, cli: Cli): Network {
  const network = networkFor(options, data.trainSet.shape, data.trainSet.classNames.length);
  const model = network.model;
  for (const name of options.layerNames) {
    try {
      model.getLayer(name);
    } catch {
      cli.die(`--layers: the model has no layer ${JSON.stringify(name)}; it has ${model.layers.map((l) => l.name).join(', ')}`);
    }
  }
  return network;
}

/**
 * Trains the model and captures the test-set features of every layer at each snapshot epoch.
 * Features are captured synchronously (epoch 0 now, the others from the epoch callback), so the training run itself
 * is not interrupted or restarted; PCA and t-SNE run after training.
 */
export async function trainWithSnapshots(model: Model, options: Options, data: Data): Promise<SnapshotRun> {
  const { layerNames, snapshots } = options;
  const captures: Capture[] = [];
  const testAccuracy = new Map<number, number>();
  const capture = (epoch: number) => {
    for (const layer of layerNames) {
      const t0 = performance.now();
      const features = extractFeatures(model, layer, data.testSet, { batchSize: 256 });
      captures.push({ epoch, layer, features, extractSeconds: secondsSince(t0) });
    }
    const probs = extractFeatures(model, 'output', data.testSet, { batchSize: 256 });
    testAccuracy.set(epoch, accuracy(data.labels, argmaxRows(probs)));
  };
  if (snapshots.includes(0)) capture(0);
  // A live bar in a terminal, one line per epoch in CI and pipes; features are captured at the snapshot epochs.
  const log = epochLogger();
  const result = await train(model, data.trainSet, {
    epochs: options.epochs,
    batchSize: options.batchSize,
    optimizer: { name: 'adam', learningRate: options.learningRate },
    seed: options.seed,
    onProgress: (e: TrainProgressEvent) => {
      log(e);
      if (e.type === 'epoch' && snapshots.includes(e.record.epoch)) capture(e.record.epoch);
    },
  });
  return { captures, testAccuracy, history: result.history };
}

/** Row-wise argmax of a probability matrix: the predicted classes. */
function argmaxRows(m: { data: Float32Array; rows: number; cols: number }): Int32Array {
  const out = new Int32Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let best = 0;
    for (let c = 1; c < m.cols; c++) if (m.data[r * m.cols + c] > m.data[r * m.cols + best]) best = c;
    out[r] = best;
  }
  return out;
}
