import { layers as tfl, model as functionalModel, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { initializers } from '@tensorflow/tfjs-layers';
import { check, positiveInt } from './errors';
import type { LabeledData } from './data';
import { findLayer, truncated } from './layer-output';
import { type LoadModelOptions, loadModel, type ModelLocation } from './save-load';
import { train, type TrainOptions, type TrainResult } from './train';

/**
 * The body of a model up to (and including) the named layer, sharing its layers and weights — the first step
 * of transfer learning ("cut the network at fc2").
 *
 * @example
 * ```ts
 * const body = cutAt(cifarNetTf(), 'fc2');   // outputs 192 features
 * ```
 */
export function cutAt(model: LayersModel, layerName: string): LayersModel {
  return truncated(model, [layerName]);
}

/**
 * Sets `trainable = false` on the layers of `model` up to and including `upTo` (default: all of them) and
 * returns the names of the frozen layers. Frozen layers keep their weights during {@link train} and run in
 * inference mode (batch norm uses its moving statistics).
 *
 * @example
 * ```ts
 * freeze(model, { upTo: 'pool2' }); // ['conv1', 'act1', 'pool1', 'norm1', 'conv2', 'act2', 'pool2']
 * ```
 */
export function freeze(model: LayersModel, options: { upTo?: string } = {}): string[] {
  const layers = model.layers;
  const last = options.upTo === undefined ? layers.length - 1 : layers.indexOf(findLayer(model, options.upTo, 'options.upTo'));
  const names: string[] = [];
  for (let i = 0; i <= last; i++) {
    layers[i].trainable = false;
    names.push(layers[i].name);
  }
  return names;
}

/**
 * Sets `trainable = true` on the layers of `model` from `from` (default: the first) to the end and returns
 * their names — to fine-tune the top of a pretrained body.
 *
 * @example
 * ```ts
 * unfreeze(model, { from: 'conv2' });
 * ```
 */
export function unfreeze(model: LayersModel, options: { from?: string } = {}): string[] {
  const layers = model.layers;
  const first = options.from === undefined ? 0 : layers.indexOf(findLayer(model, options.from, 'options.from'));
  return layers.slice(first).map((l) => {
    l.trainable = true;
    return l.name;
  });
}

/** The classifier head that {@link addHead} puts on a body. */
export interface HeadOptions {
  /** Output classes. */
  numClasses: number;
  /** Hidden dense layers (ReLU) before the output. Default none (a linear softmax classifier). */
  hidden?: readonly number[];
  /** Dropout rate before each dense layer of the head. Default 0. */
  dropout?: number;
  /** Seed of the head's initial weights. */
  seed?: number;
}

/**
 * A new model: `body` followed by a fresh classifier head (`head_flatten` if needed, `head_fc<i>` ReLU layers,
 * `head_output` softmax). The body's layers and weights are shared, not copied.
 *
 * @example
 * ```ts
 * const model = addHead(cutAt(pretrained, 'fc2'), { numClasses: 2, hidden: [64] });
 * ```
 */
export function addHead(body: LayersModel, head: HeadOptions): LayersModel {
  const numClasses = positiveInt('head.numClasses', head.numClasses);
  const hidden = head.hidden ?? [];
  check(
    Array.isArray(hidden) && hidden.every((v) => Number.isInteger(v) && v > 0),
    'head.hidden',
    hidden,
    'an array of positive integers',
  );
  const rate = head.dropout ?? 0;
  check(typeof rate === 'number' && rate >= 0 && rate < 1, 'head.dropout', rate, 'a rate in [0, 1)');
  check(body.outputs.length === 1, 'body', `${body.outputs.length} outputs`, 'a body with one output');
  let k = 0;
  const init = () => initializers.glorotUniform({ seed: head.seed === undefined ? undefined : head.seed + 7919 * k++ });
  const taken = new Set(body.layers.map((l) => l.name));
  const name = (base: string) => {
    let n = base;
    for (let i = 2; taken.has(n); i++) n = `${base}_${i}`;
    taken.add(n);
    return n;
  };
  let x: SymbolicTensor = body.outputs[0];
  if (x.shape.length > 2) x = tfl.flatten({ name: name('head_flatten') }).apply(x) as SymbolicTensor;
  hidden.forEach((units, i) => {
    if (rate > 0) x = tfl.dropout({ rate, name: name(`head_drop${i + 1}`) }).apply(x) as SymbolicTensor;
    x = tfl
      .dense({ units, activation: 'relu', kernelInitializer: init(), name: name(`head_fc${i + 1}`) })
      .apply(x) as SymbolicTensor;
  });
  if (rate > 0) x = tfl.dropout({ rate, name: name('head_drop_out') }).apply(x) as SymbolicTensor;
  const out = tfl
    .dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(), name: name('head_output') })
    .apply(x) as SymbolicTensor;
  return functionalModel({ inputs: body.inputs, outputs: out });
}

/**
 * Loads a pretrained tfjs / Keras-converted model (folder, `model.json`, `file://` or `http(s)://` URL) and
 * cuts it at `layerName` (default: the layer before the output) to serve as a body. The weights of the layers
 * after the cut are freed; `dispose()` of the body (or of `addHead(body, …)`) frees the rest. `options` are
 * {@link loadModel}'s: `{ weights: 'initial' }` gives the same body untrained, the baseline a transfer is read against.
 *
 * @example
 * ```ts
 * const body = await loadBody('./pretrained/cifarnet', 'fc2');
 * const untrained = await loadBody('./pretrained/cifarnet', 'fc2', { weights: 'initial' });
 * ```
 */
export async function loadBody(
  location: ModelLocation,
  layerName?: string,
  options: LoadModelOptions = {},
): Promise<LayersModel> {
  const model = await loadModel(location, options);
  const name = layerName ?? model.layers[model.layers.length - 2]?.name;
  check(typeof name === 'string', 'layerName', layerName, 'a layer name (the model has a single layer)');
  const body = cutAt(model, name);
  // The loaded model is not returned: free the weights of the layers cut off, or they could never be disposed.
  const kept = new Set(body.layers);
  for (const layer of model.layers) if (!kept.has(layer) && layer.built && layer.weights.length > 0) layer.dispose();
  return body;
}

/** Options of {@link transferLearn}. */
export interface TransferOptions {
  /** The new head. */
  head: HeadOptions;
  /** Training of the head with the body frozen. */
  headTraining: TrainOptions;
  /**
   * Optional second phase: unfreeze the body from `unfreezeFrom` (default: all of it) and train everything
   * with a lower learning rate (default: a tenth of the head phase's).
   */
  fineTune?: TrainOptions & { unfreezeFrom?: string };
}

/** What {@link transferLearn} returns. */
export interface TransferResult {
  /** Body + head. */
  model: LayersModel;
  /** Names of the body layers frozen during the head phase. */
  frozen: string[];
  /** The head phase. */
  head: TrainResult;
  /** The fine-tuning phase, when requested. */
  fineTune: TrainResult | null;
  /** Names of the layers unfrozen for fine-tuning. */
  unfrozen: string[];
}

/**
 * Transfer learning in one call: freeze `body`, add a new head, train the head, then optionally unfreeze
 * (part of) the body and fine-tune everything at a lower learning rate.
 *
 * @example
 * ```ts
 * const body = cutAt(pretrained, 'pool2');
 * const { model } = await transferLearn(body, antsAndBees, {
 *   head: { numClasses: 2, hidden: [64] },
 *   headTraining: { epochs: 5, optimizer: { name: 'momentum', learningRate: 0.01 } },
 *   fineTune: { epochs: 3, unfreezeFrom: 'conv2' },
 * });
 * ```
 */
export async function transferLearn(body: LayersModel, data: LabeledData, options: TransferOptions): Promise<TransferResult> {
  check(
    typeof options === 'object' && options !== null && options.headTraining !== undefined,
    'options.headTraining',
    undefined,
    'train options for the head phase',
  );
  const frozen = freeze(body);
  const model = addHead(body, options.head);
  const head = await train(model, data, options.headTraining);
  let fineTune: TrainResult | null = null;
  let unfrozen: string[] = [];
  if (options.fineTune !== undefined) {
    const { unfreezeFrom, ...trainOptions } = options.fineTune;
    unfrozen = unfreeze(body, { from: unfreezeFrom });
    const headOpt = options.headTraining.optimizer ?? 'adam';
    const headLr = typeof headOpt === 'string' ? undefined : headOpt.learningRate;
    const optimizer =
      trainOptions.optimizer ??
      (typeof headOpt === 'string'
        ? { name: headOpt, learningRate: (headOpt === 'adam' ? 0.001 : headOpt === 'adadelta' ? 1 : 0.01) / 10 }
        : {
            ...headOpt,
            learningRate: (headLr ?? (headOpt.name === 'adam' ? 0.001 : headOpt.name === 'adadelta' ? 1 : 0.01)) / 10,
          });
    fineTune = await train(model, data, { ...trainOptions, optimizer });
  }
  return { model, frozen, head, fineTune, unfrozen };
}
