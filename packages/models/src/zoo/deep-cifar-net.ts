import { layers as tfl, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { check } from '../errors';
import { requireBackend } from '../require-backend';
import { activation, add, classes, imageShape, seededInit, type ActivationKind, type BuilderOptions } from './common';

/** Options of {@link deepCifarNet}. */
export interface DeepCifarNetOptions extends BuilderOptions {
  /** `[height, width, channels]`. Default `[32, 32, 3]`. */
  inputShape?: readonly [number, number, number];
  /** Maps of the convolutions before the first pool and of those after it. Default `[64, 128]`. */
  filters?: readonly [number, number];
  /**
   * Units of the hidden fully connected layers, any number of them (`[]`: flatten straight into the softmax).
   * Default `[512, 256]`.
   */
  units?: readonly number[];
  /** Dropout rate before each hidden fully connected layer. Default 0 (none). */
  dropout?: number;
  /**
   * Number of 3×3 convolutions, ≥ 1. The first block holds 2 of them when there are 4 or more, else 1; the
   * rest form the second block; each block ends in a 2×2 max pool (so the flattened size does not depend on
   * the depth). Default 7 (2 + 5).
   */
  convLayers?: number;
  /** Non-linearity after each convolution and hidden dense layer. Default `'relu'`. */
  activation?: ActivationKind;
  /**
   * Batch normalisation between each convolution and its non-linearity (the convolutions then have no bias).
   * Default true.
   */
  batchNorm?: boolean;
  /**
   * Weight of the old value in batch norm's running mean and variance (Keras convention). Default 0.9 — what
   * PyTorch's `momentum=0.1` means — rather than Keras's 0.99, whose averages are still far from the data's
   * after the few hundred steps of a short run, which wrecks test accuracy.
   */
  batchNormMomentum?: number;
}

/**
 * The deep CIFAR net: 2 × [conv 3×3 → batch norm → ReLU], max pool 2×2, 5 × [conv 3×3 → batch norm → ReLU],
 * max pool 2×2, then three fully connected layers (two hidden with ReLU, then softmax).
 * Layers `conv1…conv7` (each followed by `bn<i>` and `relu<i>`), `pool1`, `pool2`, `flatten`, `fc1`, `fc2`, `output`.
 *
 * The depth, the non-linearity and batch normalisation are options, for the seed studies (ReLU vs sigmoid vs
 * tanh, batch norm vs none, the conv × fc depth grid). With another activation the layers after each
 * convolution and hidden dense layer are named after it (`tanh3`, `tanh_fc1`, …) and the weights start from
 * Glorot rather than He initialisation; without batch norm there are no `bn<i>` layers and the convolutions have biases.
 *
 * @example
 * ```ts
 * const model = deepCifarNet({ seed: 1, filters: [32, 64] });
 * const shallow = deepCifarNet({ convLayers: 3, units: [128], activation: 'tanh', batchNorm: false });
 * ```
 */
export function deepCifarNet(options: DeepCifarNetOptions = {}): Sequential {
  requireBackend('deepCifarNet');
  const numClasses = classes(options);
  const shape = imageShape('options.inputShape', options.inputShape, [32, 32, 3]);
  const filters = options.filters ?? [64, 128];
  const units = options.units ?? [512, 256];
  const rate = options.dropout ?? 0;
  const depth = options.convLayers ?? 7;
  const act = activation(options.activation, 'relu');
  const batchNorm = options.batchNorm ?? true;
  const bnMomentum = options.batchNormMomentum ?? 0.9;
  check(
    Array.isArray(filters) && filters.length === 2 && filters.every((v) => Number.isInteger(v) && v > 0),
    'options.filters',
    filters,
    '[first, rest] positive integers',
  );
  check(
    Array.isArray(units) && units.every((v) => Number.isInteger(v) && v > 0),
    'options.units',
    units,
    'an array of positive integers (hidden dense layers)',
  );
  check(typeof rate === 'number' && rate >= 0 && rate < 1, 'options.dropout', rate, 'a rate in [0, 1)');
  check(Number.isInteger(depth) && depth >= 1, 'options.convLayers', depth, 'an integer ≥ 1');
  check(typeof batchNorm === 'boolean', 'options.batchNorm', batchNorm, 'true or false');
  check(
    typeof bnMomentum === 'number' && bnMomentum >= 0 && bnMomentum < 1,
    'options.batchNormMomentum',
    bnMomentum,
    'a number in [0, 1)',
  );
  check(shape[0] >= 4 && shape[1] >= 4, 'options.inputShape', shape, 'images of at least 4×4 (two 2×2 pools)');
  const firstBlock = depth >= 4 ? 2 : 1;
  const init = seededInit(options.seed);
  const model = sequential({ name: options.name });
  const nonLinearity = (name: string) => (act === 'relu' ? tfl.reLU({ name }) : tfl.activation({ activation: act, name }));
  for (let i = 1; i <= depth; i++) {
    model.add(
      tfl.conv2d({
        filters: i <= firstBlock ? filters[0] : filters[1],
        kernelSize: 3,
        padding: 'same',
        useBias: !batchNorm,
        kernelInitializer: init(act === 'relu' ? 'he' : 'glorot'),
        name: `conv${i}`,
        ...(i === 1 ? { inputShape: shape } : {}),
      }),
    );
    if (batchNorm) model.add(tfl.batchNormalization({ name: `bn${i}`, momentum: bnMomentum }));
    model.add(nonLinearity(`${act}${i}`));
    if (i === firstBlock) model.add(tfl.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool1' }));
  }
  add(model, tfl.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool2' }), tfl.flatten({ name: 'flatten' }));
  units.forEach((u, k) => {
    if (rate > 0) model.add(tfl.dropout({ rate, name: `drop${k + 1}` }));
    if (act === 'relu') {
      model.add(tfl.dense({ units: u, activation: 'relu', kernelInitializer: init('he'), name: `fc${k + 1}` }));
    } else {
      add(model, tfl.dense({ units: u, kernelInitializer: init(), name: `fc${k + 1}` }), nonLinearity(`${act}_fc${k + 1}`));
    }
  });
  model.add(tfl.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(), name: 'output' }));
  return model;
}
