import { layers as tfl, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { check } from '../errors';
import { requireBackend } from '../require-backend';
import { add, classes, imageShape, lrn, poolingLayer, seededInit, type BuilderOptions } from './common';

/** Options of {@link cifarNet} and {@link cifarNetTf}. */
export interface CifarNetOptions extends BuilderOptions {
  /** `[height, width, channels]`. Default `[32, 32, 3]`. */
  inputShape?: readonly [number, number, number];
  /** Maps of the three conv layers (`cifarNetTf`: two). Default `[32, 32, 64]` (`cifarNetTf`: `[64, 64]`). */
  filters?: readonly number[];
  /** Units of the fully connected layers before the output (`cifarNetTf` only). Default `[384, 192]`. */
  units?: readonly number[];
  /**
   * Dropout rate before the softmax output layer (after `flatten` in `cifarNet`, after `fc2` in `cifarNetTf`),
   * active only in training. Default 0 (no dropout layer). L2 weight decay is a trainer option (`train(…, { l2 })`).
   */
  dropout?: number;
}

function dropoutRate(options: CifarNetOptions): number {
  const rate = options.dropout ?? 0;
  check(typeof rate === 'number' && rate >= 0 && rate < 1, 'options.dropout', rate, 'a rate in [0, 1)');
  return rate;
}

function ints(argument: string, v: readonly number[], length: number): readonly number[] {
  check(
    Array.isArray(v) && v.length === length && v.every((x) => Number.isInteger(x) && x > 0),
    argument,
    v,
    `${length} positive integers`,
  );
  return v;
}

/**
 * CifarNet, the network of the CIFAR-10 report (after Caffe's `cifar10_full`): three blocks of
 * [conv 5×5 (same) → max pool 3×3 stride 2 → ReLU → local response normalisation], then a fully connected
 * softmax layer. Layers `conv1…3, pool1…3, relu1…3, norm1…3, flatten, output` (and `dropout` before `output`
 * when `options.dropout` > 0). Weights start as PyTorch's `Conv2d`/`Linear` defaults (uniform in ±1/√fan_in).
 *
 * @example
 * ```ts
 * const model = cifarNet({ seed: 1 });                  // 32×32×3 → 10
 * const regularised = cifarNet({ seed: 1, dropout: 0.5 });
 * await train(regularised, data, { epochs: 4, l2: 0.002 });  // L2 decay lives in the trainer
 * ```
 */
export function cifarNet(options: CifarNetOptions = {}): Sequential {
  requireBackend('cifarNet');
  const numClasses = classes(options);
  const shape = imageShape('options.inputShape', options.inputShape, [32, 32, 3]);
  const filters = ints('options.filters', options.filters ?? [32, 32, 64], 3);
  const rate = dropoutRate(options);
  const init = seededInit(options.seed);
  const model = sequential({ name: options.name });
  // PyTorch's default initialisation, not He's: pooling comes before the ReLU here, so He's variance argument
  // does not hold; with He-initialised convolutions and a Glorot output the net starts overconfident and, on
  // unstandardised real CIFAR-10 with momentum SGD at 0.01, dies at chance (loss 2.41 → 2.30), where PyTorch
  // with the same layers learns.
  filters.forEach((f, i) => {
    const b = i + 1;
    add(
      model,
      tfl.conv2d({
        filters: f,
        kernelSize: 5,
        padding: 'same',
        kernelInitializer: init('torch'),
        name: `conv${b}`,
        ...(i === 0 ? { inputShape: shape } : {}),
      }),
      poolingLayer('max', 3, 2, `pool${b}`, 'same'),
      tfl.reLU({ name: `relu${b}` }),
      lrn(`norm${b}`, 1),
    );
  });
  model.add(tfl.flatten({ name: 'flatten' }));
  if (rate > 0) model.add(tfl.dropout({ rate, name: 'dropout' }));
  model.add(tfl.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init('torch'), name: 'output' }));
  return model;
}

/**
 * The TensorFlow CIFAR-10 tutorial's variant (`cifar10.py`): two blocks of [conv 5×5 64 → ReLU → max pool 3×3
 * stride 2 → LRN] (the second normalises before pooling, as there), then fully connected `fc1` (384) and `fc2`
 * (192) with ReLU — the layers used as features — and a softmax output.
 * Layers `conv1, pool1, norm1, conv2, norm2, pool2, flatten, fc1, fc2, output` (and `dropout` before `output`
 * when `options.dropout` > 0).
 *
 * @example
 * ```ts
 * const model = cifarNetTf({ seed: 1 });
 * const feats = extractFeatures(model, 'fc2', images);   // 192 features per image
 * ```
 */
export function cifarNetTf(options: CifarNetOptions = {}): Sequential {
  requireBackend('cifarNetTf');
  const numClasses = classes(options);
  const shape = imageShape('options.inputShape', options.inputShape, [32, 32, 3]);
  const filters = ints('options.filters', options.filters ?? [64, 64], 2);
  const units = ints('options.units', options.units ?? [384, 192], 2);
  const rate = dropoutRate(options);
  const init = seededInit(options.seed);
  const model = sequential({ name: options.name });
  add(
    model,
    tfl.conv2d({
      filters: filters[0],
      kernelSize: 5,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init('he'),
      name: 'conv1',
      inputShape: shape,
    }),
    poolingLayer('max', 3, 2, 'pool1', 'same'),
    lrn('norm1', 1),
    tfl.conv2d({
      filters: filters[1],
      kernelSize: 5,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init('he'),
      name: 'conv2',
    }),
    lrn('norm2', 1),
    poolingLayer('max', 3, 2, 'pool2', 'same'),
    tfl.flatten({ name: 'flatten' }),
    tfl.dense({ units: units[0], activation: 'relu', kernelInitializer: init('he'), name: 'fc1' }),
    tfl.dense({ units: units[1], activation: 'relu', kernelInitializer: init('he'), name: 'fc2' }),
  );
  if (rate > 0) model.add(tfl.dropout({ rate, name: 'dropout' }));
  model.add(tfl.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(), name: 'output' }));
  return model;
}
