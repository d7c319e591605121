import { gather } from '@dlkit/datasets';
import { evaluate, train } from '@dlkit/models';
import type { ClassDistances } from '@dlkit/siamese';
import type { Tensor } from '@tensorflow/tfjs-core';
import { initializers, layers as tfl, sequential } from '@tensorflow/tfjs-layers';
import type { ExperimentData } from './data';
import type { ExperimentOptions } from './options';
import { supervisedCheckpointDir } from './resume';
import { describeDistances, scoreEmbeddings } from './setting-run';
import { twinNetwork } from './twin-network';

/** "1 epoch", "20 epochs". */
export const epochsText = (n: number): string => `${n} epoch${n === 1 ? '' : 's'}`;

/** What labels give the twin's network: the `--supervised N` reference row. */
export interface SupervisedReference {
  epochs: number;
  /** One-vs-rest linear SVM accuracy on the embeddings of the scored test images (the settings' measure). */
  svmAccuracy: number;
  svmTrainAccuracy: number;
  distances: ClassDistances;
  /** Accuracy of the classifier's own softmax on the same scored test images. */
  softmaxAccuracy: number;
  /** Wall seconds of training in this run (a resumed reference: only the epochs after its checkpoint). */
  trainSeconds: number;
  /** Epoch of the checkpoint it continued from (`--resume`); 0 when it trained from the start. */
  resumedFrom: number;
  /**
   * The trained classifier it was loaded from (`--start-from`: file and epoch), not trained in this run (then
   * `epochs` is its checkpoint's epoch, 0 when unknown, and `trainSeconds` 0); null for the reference trained here.
   */
  loadedFrom: string | null;
}

/** The reference's figures, and with `--fine-tune` its trained twin weights (copies the caller disposes). */
export interface SupervisedRun {
  reference: SupervisedReference;
  /** The trained embedding network's weights, in `getWeights()` order; null without `--fine-tune`. */
  trainedWeights: Tensor[] | null;
}

/**
 * Trains the twin's network (same widths, same initial weights) as a classifier — a ReLU and a softmax layer on
 * its embedding, cross-entropy, Adam at `--lr`, `2 × --batch-size` images a step (a pair step's image count) —
 * for `opts.supervisedEpochs` epochs, then scores its embedding exactly as the settings are scored. The ceiling a
 * metric learned from pairs can be read against: the labels themselves, through the same network. With
 * `--checkpoint DIR` it writes a checkpoint after every epoch in `DIR/supervised-reference`, and with `--resume`
 * continues after the newest one to the numbers of an uninterrupted run. With `--fine-tune` it also hands back the
 * trained weights, for the settings to start from.
 */
export async function supervisedReference(data: ExperimentData, opts: ExperimentOptions): Promise<SupervisedRun> {
  const net = twinNetwork(data, opts);
  const classifier = sequential({ name: 'supervised-reference' });
  classifier.add(net.embedding);
  classifier.add(tfl.activation({ activation: 'relu', name: 'embedding_relu' }));
  classifier.add(
    tfl.dense({
      units: data.train.classNames.length,
      activation: 'softmax',
      // Seeded like the twin's own layers: the same --seed, the same reference.
      kernelInitializer: initializers.glorotUniform({ seed: opts.seed + 104_729 }),
      name: 'softmax',
    }),
  );
  try {
    // Uint8 pixels as they are: @dlkit/models scales them ÷ 255 batch by batch, as the twin's own steps do.
    const result = await train(classifier, data.train, {
      epochs: opts.supervisedEpochs,
      batchSize: 2 * opts.batchSize,
      optimizer: { name: 'adam', learningRate: opts.lr },
      seed: opts.seed,
      ...(opts.checkpointDir === undefined
        ? {}
        : { checkpoint: { dir: supervisedCheckpointDir(opts.checkpointDir) }, resume: opts.resume }),
    });
    const { svm, distances } = scoreEmbeddings(net, data, opts.seed);
    const softmaxAccuracy = evaluate(classifier, gather(data.fullTest, data.testSubset)).accuracy;
    const resumed = result.resumedFrom > 0 ? `resumed after epoch ${result.resumedFrom}, ` : '';
    console.log(
      `supervised reference (the same network, ${epochsText(opts.supervisedEpochs)} of cross-entropy, ${resumed}${result.seconds.toFixed(0)} s): ` +
        `one-vs-rest linear SVM accuracy ${svm.accuracy.toFixed(3)} (train ${svm.trainAccuracy.toFixed(3)}), its softmax ${softmaxAccuracy.toFixed(3)}; ${describeDistances(distances)}`,
    );
    const reference = {
      epochs: opts.supervisedEpochs,
      svmAccuracy: svm.accuracy,
      svmTrainAccuracy: svm.trainAccuracy,
      distances,
      softmaxAccuracy,
      trainSeconds: result.seconds,
      resumedFrom: result.resumedFrom,
      loadedFrom: null,
    };
    // Copies: the classifier (and with it these variables) is disposed below.
    return { reference, trainedWeights: opts.fineTune ? net.embedding.getWeights().map((w) => w.clone()) : null };
  } finally {
    // The classifier is the twin's embedding network and two layers of its own: free those two, and the twin
    // frees the rest (disposing the classifier as a whole would leave the embedding to the twin half-released).
    for (const layer of classifier.layers.slice(1)) layer.dispose();
    net.twin.dispose();
  }
}
