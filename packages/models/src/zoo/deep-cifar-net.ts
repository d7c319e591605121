import { layers as tfl, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { check } from '../errors';
import { add, classes, imageShape, seededInit, type BuilderOptions } from './common';

/** Options of {@link deepCifarNet}. */
export interface DeepCifarNetOptions extends BuilderOptions {
  /** `[height, width, channels]`. Default `[32, 32, 3]`. */
  inputShape?: readonly [number, number, number];
  /** Maps of the first two conv layers and of the following five. Default `[64, 128]`. */
  filters?: readonly [number, number];
  /** Units of the two hidden fully connected layers. Default `[512, 256]`. */
  units?: readonly [number, number];
  /** Dropout rate before each hidden fully connected layer. Default 0 (none). */
  dropout?: number;
}

/**
 * The deep CIFAR net: 2 × [conv 3×3 → batch norm → ReLU], max pool 2×2, 5 × [conv 3×3 → batch norm → ReLU],
 * max pool 2×2, then three fully connected layers (two hidden with ReLU, then softmax).
 * Layers `conv1…conv7` (each followed by `bn<i>` and `relu<i>`), `pool1`, `pool2`, `flatten`, `fc1`, `fc2`, `output`.
 *
 * @example
 * ```ts
 * const model = deepCifarNet({ seed: 1, filters: [32, 64] });
 * ```
 */
export function deepCifarNet(options: DeepCifarNetOptions = {}): Sequential {
  const numClasses = classes(options);
  const shape = imageShape('options.inputShape', options.inputShape, [32, 32, 3]);
  const filters = options.filters ?? [64, 128];
  const units = options.units ?? [512, 256];
  const rate = options.dropout ?? 0;
  check(Array.isArray(filters) && filters.length === 2 && filters.every((v) => Number.isInteger(v) && v > 0), 'options.filters', filters, '[first, rest] positive integers');
  check(Array.isArray(units) && units.length === 2 && units.every((v) => Number.isInteger(v) && v > 0), 'options.units', units, '[fc1, fc2] positive integers');
  check(typeof rate === 'number' && rate >= 0 && rate < 1, 'options.dropout', rate, 'a rate in [0, 1)');
  const init = seededInit(options.seed);
  const model = sequential({ name: options.name });
  for (let i = 1; i <= 7; i++) {
    add(
      model,
      tfl.conv2d({
        filters: i <= 2 ? filters[0] : filters[1], kernelSize: 3, padding: 'same', useBias: false,
        kernelInitializer: init('he'), name: `conv${i}`, ...(i === 1 ? { inputShape: shape } : {}),
      }),
      tfl.batchNormalization({ name: `bn${i}` }),
      tfl.reLU({ name: `relu${i}` }),
    );
    if (i === 2) model.add(tfl.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool1' }));
  }
  add(model, tfl.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool2' }), tfl.flatten({ name: 'flatten' }));
  units.forEach((u, k) => {
    if (rate > 0) model.add(tfl.dropout({ rate, name: `drop${k + 1}` }));
    model.add(tfl.dense({ units: u, activation: 'relu', kernelInitializer: init('he'), name: `fc${k + 1}` }));
  });
  model.add(tfl.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(), name: 'output' }));
  return model;
}
