import { layers as tfl, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { check } from '../errors';
import { requireBackend } from '../require-backend';
import { add, classes, imageShape, lrn, seededInit, type BuilderOptions } from './common';

/** Options of {@link smallAlexNet}. */
export interface SmallAlexNetOptions extends BuilderOptions {
  /** `[height, width, channels]`, 32×32 or 64×64 (any size ≥ 32 works). Default `[32, 32, 3]`. */
  inputShape?: readonly [number, number, number];
  /** Maps of the five conv layers. Default `[64, 192, 384, 256, 256]`. */
  filters?: readonly number[];
  /** Units of the two hidden fully connected layers. Default `[1024, 1024]`. */
  units?: readonly [number, number];
  /** Dropout rate before each hidden fully connected layer. Default 0.5. */
  dropout?: number;
}

/**
 * A small AlexNet-style net (Krizhevsky, Sutskever & Hinton 2012) for 32×32 or 64×64 inputs: ReLU, local
 * response normalisation after conv1 and conv2, overlapping max pooling (3×3, stride 2), dropout before the
 * fully connected layers. conv1 is 5×5 (stride 2 when the input is 64×64 or larger), conv2 5×5, conv3–5 3×3.
 * Layers `conv1…5, norm1, norm2, pool1, pool2, pool5, flatten, drop1, fc1, drop2, fc2, output`.
 *
 * @example
 * ```ts
 * const model = smallAlexNet({ inputShape: [64, 64, 3], numClasses: 200, seed: 1 });
 * ```
 */
export function smallAlexNet(options: SmallAlexNetOptions = {}): Sequential {
  requireBackend('smallAlexNet');
  const numClasses = classes(options);
  const shape = imageShape('options.inputShape', options.inputShape, [32, 32, 3]);
  check(shape[0] >= 32 && shape[1] >= 32, 'options.inputShape', shape, 'images of at least 32×32');
  const filters = options.filters ?? [64, 192, 384, 256, 256];
  check(
    Array.isArray(filters) && filters.length === 5 && filters.every((v) => Number.isInteger(v) && v > 0),
    'options.filters',
    filters,
    '5 positive integers',
  );
  const units = options.units ?? [1024, 1024];
  check(
    Array.isArray(units) && units.length === 2 && units.every((v) => Number.isInteger(v) && v > 0),
    'options.units',
    units,
    '[fc1, fc2] positive integers',
  );
  const rate = options.dropout ?? 0.5;
  check(typeof rate === 'number' && rate >= 0 && rate < 1, 'options.dropout', rate, 'a rate in [0, 1)');
  const init = seededInit(options.seed);
  const conv = (i: number, k: number, stride = 1) =>
    tfl.conv2d({
      filters: filters[i - 1],
      kernelSize: k,
      strides: stride,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init('he'),
      name: `conv${i}`,
      ...(i === 1 ? { inputShape: shape } : {}),
    });
  const pool = (name: string) => tfl.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name });
  const model = sequential({ name: options.name });
  add(model, conv(1, 5, shape[0] >= 64 ? 2 : 1), lrn('norm1'), pool('pool1'));
  add(model, conv(2, 5), lrn('norm2'), pool('pool2'));
  add(model, conv(3, 3), conv(4, 3), conv(5, 3), pool('pool5'), tfl.flatten({ name: 'flatten' }));
  units.forEach((u, k) => {
    if (rate > 0) model.add(tfl.dropout({ rate, name: `drop${k + 1}` }));
    model.add(tfl.dense({ units: u, activation: 'relu', kernelInitializer: init('he'), name: `fc${k + 1}` }));
  });
  model.add(tfl.dense({ units: numClasses, activation: 'softmax', kernelInitializer: init(), name: 'output' }));
  return model;
}
