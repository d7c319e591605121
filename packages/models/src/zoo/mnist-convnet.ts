import { layers as tfl, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { check, positiveInt } from '../errors';
import { requireBackend } from '../require-backend';
import {
  activation,
  add,
  classes,
  imageShape,
  poolingLayer,
  seededInit,
  subtractive,
  type ActivationKind,
  type BuilderOptions,
  type PoolingKind,
} from './common';

/** Options of {@link mnistConvNet}. */
export interface MnistConvNetOptions extends BuilderOptions {
  /** `[height, width, channels]` of one image. Default `[28, 28, 1]` (MNIST; the tutorial's 32×32 also works). */
  inputShape?: readonly [number, number, number];
  /** Torch's `nstates`: maps of conv block 1, of conv block 2, hidden units. Default `[64, 64, 128]`. */
  nstates?: readonly [number, number, number];
  /** Convolution kernel size. Default 5. */
  filterSize?: number;
  /** Pooling window and stride. Default 2. */
  poolSize?: number;
  /** Pooling kind. Default `'l2'` (`SpatialLPPooling` with p = 2). */
  pooling?: PoolingKind;
  /** Non-linearity after each convolution and the hidden layer. Default `'tanh'`. */
  activation?: ActivationKind;
  /**
   * Size of the Gaussian neighbourhood of the subtractive normalisation after each block
   * (`image.gaussian1D(7)`), or `0` to leave the normalisation out. Default 7.
   */
  normalizationSize?: number;
  /**
   * Dropout rate on the flattened conv features, before the hidden layer (`nn.Dropout` after `nn.View` in the
   * tutorial's modern variant). Active only in training. Default 0 (no dropout layer).
   */
  dropout?: number;
}

/**
 * The Torch-tutorial MNIST ConvNet (Torch7 "supervised" tutorial, `2_model.lua`, after Sermanet, Chintala &
 * LeCun 2012): two blocks of [conv 5×5 → tanh → L2 pooling 2×2 → subtractive normalisation] then a two-layer
 * tanh MLP to a softmax. On 28×28 inputs: 28 → conv 24 → pool 12 → conv 8 → pool 4, so the MLP sees
 * 64·4·4 = 1024 features. Layers are named `conv1, act1, pool1, norm1, conv2, act2, pool2, norm2, flatten,
 * fc1, act3, output` (the `norm` layers are absent when `normalizationSize` is 0; a `dropout` layer follows
 * `flatten` when `dropout` > 0).
 *
 * L2 pooling and subtractive normalisation are `@dlkit/layers`' `L2Pooling2D` and `SubtractiveNormalization`.
 *
 * @example
 * ```ts
 * import { mnistConvNet } from '@dlkit/models';
 * const model = mnistConvNet({ seed: 1 });            // 64, 64, 128 as in the tutorial
 * const small = mnistConvNet({ nstates: [16, 32, 64], pooling: 'max', activation: 'relu', dropout: 0.5 });
 * ```
 */
export function mnistConvNet(options: MnistConvNetOptions = {}): Sequential {
  requireBackend('mnistConvNet');
  const numClasses = classes(options);
  const [h, w, c] = imageShape('options.inputShape', options.inputShape, [28, 28, 1]);
  const nstates = options.nstates ?? [64, 64, 128];
  check(
    Array.isArray(nstates) && nstates.length === 3 && nstates.every((v) => Number.isInteger(v) && v > 0),
    'options.nstates',
    nstates,
    '[maps1, maps2, hidden] of positive integers',
  );
  const filterSize = positiveInt('options.filterSize', options.filterSize ?? 5);
  const poolSize = positiveInt('options.poolSize', options.poolSize ?? 2);
  const pooling = options.pooling ?? 'l2';
  const act = activation(options.activation, 'tanh');
  const normSize = options.normalizationSize ?? 7;
  check(
    Number.isInteger(normSize) && normSize >= 0 && (normSize === 0 || normSize % 2 === 1),
    'options.normalizationSize',
    normSize,
    'an odd positive integer, or 0 for no normalisation',
  );
  const rate = options.dropout ?? 0;
  check(typeof rate === 'number' && rate >= 0 && rate < 1, 'options.dropout', rate, 'a rate in [0, 1)');
  // Spatial size after the two blocks (valid convolutions, non-overlapping pooling).
  let side = Math.min(h, w);
  for (let b = 0; b < 2; b++) side = Math.floor((side - filterSize + 1) / poolSize);
  check(
    side >= 1,
    'options.inputShape',
    [h, w, c],
    `images large enough for two conv ${filterSize}×${filterSize} + pool ${poolSize} blocks`,
  );

  const init = seededInit(options.seed);
  const model = sequential({ name: options.name });
  for (let b = 1; b <= 2; b++) {
    add(
      model,
      tfl.conv2d({
        filters: nstates[b - 1],
        kernelSize: filterSize,
        padding: 'valid',
        kernelInitializer: init(),
        name: `conv${b}`,
        ...(b === 1 ? { inputShape: [h, w, c] } : {}),
      }),
      tfl.activation({ activation: act, name: `act${b}` }),
      poolingLayer(pooling, poolSize, poolSize, `pool${b}`),
    );
    if (normSize > 0) model.add(subtractive(nstates[b - 1], normSize, `norm${b}`));
  }
  model.add(tfl.flatten({ name: 'flatten' }));
  if (rate > 0) model.add(tfl.dropout({ rate, name: 'dropout' }));
  add(
    model,
    tfl.dense({ units: nstates[2], kernelInitializer: init(), name: 'fc1' }),
    tfl.activation({ activation: act, name: 'act3' }),
    tfl.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(), name: 'output' }),
  );
  return model;
}
