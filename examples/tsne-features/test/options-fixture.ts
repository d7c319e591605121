import type { Options } from '../src/options';

/** The options of a default run on the bundled MNIST sample, as parseOptions returns them, with `changes` applied. */
export function defaultOptions(changes: Partial<Options> = {}): Options {
  return {
    variant: 'mnist',
    root: undefined,
    epochs: 3,
    snapshots: [0, 1, 3],
    layerNames: ['flatten', 'act3'],
    batchSize: 32,
    learningRate: 0.001,
    pcaDims: 50,
    perplexity: 30,
    nIter: 1000,
    threads: undefined,
    k: 5,
    seed: 1,
    engine: undefined,
    outDir: 'reports/tsne-features',
    jsonPath: undefined,
    estimateOnly: false,
    ...changes,
  };
}
