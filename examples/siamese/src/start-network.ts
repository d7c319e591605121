import { gather } from '@dlkit/datasets';
import { evaluate, loadBody, loadModel } from '@dlkit/models';
import { type SiameseNetwork, siamese } from '@dlkit/siamese';
import { type ModelSource, ModelSourceError, resolveModelSource, storedPreprocessing } from '@dlkit-examples/common';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { ChannelStats, ExperimentData } from './data';
import { describeDistances, scoreEmbeddings } from './setting-run';
import type { SupervisedReference } from './supervised-reference';

const FLAG = '--start-from';

/** A trained classifier the settings start from (`--start-from PATH`), before it is loaded for each of them. */
export interface StartNetwork {
  source: ModelSource;
  /** The statistics its inputs were standardised with, and the file they came from; null: pixels ÷ 255. */
  stats: { file: string; values: ChannelStats } | null;
  /** Its input shape `[height, width, channels]` and output units (one per class). */
  inputShape: number[];
  classes: number;
  /** The layer it is cut at: the one before its output (cifarNetTf: fc2). */
  cutLayer: string;
}

/**
 * Opens the network `--start-from` names (a saved model, a checkpoint epoch folder or a checkpoint folder: its
 * newest epoch) and the statistics stored beside it, checking before any data is read that it is a classifier
 * with one image input and that the statistics have one value per input channel. A path that holds no such
 * network is a {@link ModelSourceError} naming it.
 */
export async function openStartNetwork(path: string): Promise<StartNetwork> {
  const source = await resolveModelSource(path, FLAG);
  const model = await loadModel(source.file);
  try {
    const input = model.inputs.length === 1 ? model.inputs[0].shape.slice(1) : [];
    const output = model.outputs.length === 1 ? model.outputs[0].shape : [];
    if (input.length !== 3 || input.some((d) => d === null)) {
      throw new ModelSourceError(`${FLAG} input shape`, input, 'one image input [height, width, channels]', source.file);
    }
    if (output.length !== 2 || output[1] === null || model.layers.length < 2) {
      throw new ModelSourceError(
        `${FLAG} output`,
        output,
        'a classifier: one output [batch, classes] after at least one layer',
        source.file,
      );
    }
    const inputShape = input as number[];
    const stored = await storedPreprocessing(source);
    if (stored !== null && stored.record.normalization.mean.length !== inputShape[2]) {
      throw new ModelSourceError(
        'normalization.mean',
        stored.record.normalization.mean,
        `one mean per input channel of the network (${inputShape[2]})`,
        stored.file,
      );
    }
    return {
      source,
      stats: stored === null ? null : { file: stored.file, values: stored.record.normalization },
      inputShape,
      classes: output[1],
      cutLayer: model.layers[model.layers.length - 2].name,
    };
  } finally {
    model.dispose();
  }
}

/** Checks that the start network takes the data's images and has one output per class of the data. */
export function checkStartFits(start: StartNetwork, data: ExperimentData): void {
  const [h, w, c] = data.inputShape;
  if (start.inputShape.some((d, i) => d !== data.inputShape[i])) {
    throw new ModelSourceError(
      `${FLAG} input shape`,
      start.inputShape,
      `the data's images, [${h}, ${w}, ${c}]`,
      start.source.file,
    );
  }
  const classes = data.train.classNames.length;
  if (start.classes !== classes) {
    throw new ModelSourceError(
      `${FLAG} output units`,
      start.classes,
      `${classes} (one per class of the data)`,
      start.source.file,
    );
  }
}

/** A twin of the start network's trained body (its layers up to {@link StartNetwork.cutLayer}), loaded afresh. */
export async function startTwin(start: StartNetwork): Promise<SiameseNetwork> {
  return siamese(await loadBody(start.source.file, start.cutLayer));
}

/**
 * A twin of the start network's architecture with its initial weights: the model rebuilt from its saved
 * topology (seeded initialisers give the trainer's own initial weights), cut where {@link startTwin} cuts it.
 */
export async function untrainedStartTwin(start: StartNetwork): Promise<SiameseNetwork> {
  return siamese(await loadBody(start.source.file, start.cutLayer, { weights: 'initial' }));
}

/** The accuracy of the start network's own softmax on the scored test images. */
export async function startSoftmaxAccuracy(start: StartNetwork, data: ExperimentData): Promise<number> {
  const model: LayersModel = await loadModel(start.source.file);
  try {
    return evaluate(model, gather(data.fullTest, data.testSubset)).accuracy;
  } finally {
    model.dispose();
  }
}

/**
 * The start network scored as the settings are (its body's embeddings of the scored test images → SVM, and
 * their class distances), with its own softmax's accuracy beside: the reference row of a `--start-from` run.
 */
export async function startReference(start: StartNetwork, data: ExperimentData, seed: number): Promise<SupervisedReference> {
  const net = await startTwin(start);
  try {
    const { svm, distances } = scoreEmbeddings(net, data, seed);
    const softmaxAccuracy = await startSoftmaxAccuracy(start, data);
    console.log(
      `start network (${start.source.label}, cut at ${start.cutLayer}): one-vs-rest linear SVM accuracy ${svm.accuracy.toFixed(3)} ` +
        `(train ${svm.trainAccuracy.toFixed(3)}), its softmax ${softmaxAccuracy.toFixed(3)}; ${describeDistances(distances)}`,
    );
    return {
      epochs: start.source.epoch ?? 0,
      svmAccuracy: svm.accuracy,
      svmTrainAccuracy: svm.trainAccuracy,
      distances,
      softmaxAccuracy,
      trainSeconds: 0,
      resumedFrom: 0,
      loadedFrom: start.source.label,
    };
  } finally {
    net.twin.dispose();
  }
}
