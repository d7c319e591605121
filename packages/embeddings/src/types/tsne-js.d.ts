declare module 'tsne-js' {
  interface NdArrayLike {
    data: Float64Array;
    shape: number[];
  }
  interface TSNEConfig {
    dim?: number;
    perplexity?: number;
    earlyExaggeration?: number;
    learningRate?: number;
    nIter?: number;
    metric?: 'euclidean' | 'manhattan' | 'jaccard' | 'dice';
  }
  class TSNE {
    constructor(config?: TSNEConfig);
    outputEmbedding: NdArrayLike;
    init(opts: { data: number[][]; type: 'dense' | 'sparse' }): void;
    run(): [number, number];
    getOutput(): number[][];
    getOutputScaled(): number[][] | null;
    on(event: 'progressIter', listener: (info: [number, number, number]) => void): this;
  }
  export default TSNE;
}
