import { initializers, layers as tfl, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { check, positiveInt } from './errors';
import { requireBackend } from './require-backend';

/** Options of {@link embeddingConvNet}. */
export interface EmbeddingConvNetOptions {
  /** `[height, width, channels]` of one image. Default `[28, 28, 1]`. */
  inputShape?: readonly [number, number, number];
  /** Feature maps of the two convolution blocks. Default `[16, 32]`. */
  filters?: readonly [number, number];
  /** Units of the hidden dense layer. Default 128. */
  hidden?: number;
  /** Length of the embedding (the last, linear layer). Default 32. */
  embeddingSize?: number;
  /** Seed of the weight initialisers (same seed, same initial weights). Default: unseeded. */
  seed?: number;
  /** Model name. Default `'embedding'`. */
  name?: string;
}

/**
 * A small ConvNet that maps an image to an embedding vector, the base of the siamese experiment:
 * [conv 5×5 → ReLU → max-pool 2×2] × 2 → dense → ReLU → dense (linear, `embeddingSize`). On 28×28 inputs:
 * 28 → 24 → 12 → 8 → 4, so the dense layer reads `filters[1]·16` features.
 *
 * @example
 * ```ts
 * const base = embeddingConvNet({ inputShape: [28, 28, 1], embeddingSize: 32, seed: 1 });
 * const net = siamese(base);
 * ```
 */
export function embeddingConvNet(options: EmbeddingConvNetOptions = {}): Sequential {
  requireBackend('embeddingConvNet');
  const shape = options.inputShape ?? [28, 28, 1];
  check(
    Array.isArray(shape) && shape.length === 3 && shape.every((v) => Number.isInteger(v) && v > 0),
    'options.inputShape',
    shape,
    '[height, width, channels] of positive integers',
  );
  const filters = options.filters ?? [16, 32];
  check(
    Array.isArray(filters) && filters.length === 2 && filters.every((v) => Number.isInteger(v) && v > 0),
    'options.filters',
    filters,
    '[maps1, maps2] of positive integers',
  );
  const hidden = positiveInt('options.hidden', options.hidden ?? 128);
  const embeddingSize = positiveInt('options.embeddingSize', options.embeddingSize ?? 32);
  let side = Math.min(shape[0], shape[1]);
  for (let b = 0; b < 2; b++) side = Math.floor((side - 4) / 2);
  check(side >= 1, 'options.inputShape', shape, 'images of at least 16×16 (two conv 5×5 + pool 2 blocks)');
  let k = 0;
  const init = () => initializers.heNormal({ seed: options.seed === undefined ? undefined : options.seed + 7919 * k++ });
  const net = sequential({ name: options.name ?? 'embedding' });
  net.add(
    tfl.conv2d({
      inputShape: [...shape],
      filters: filters[0],
      kernelSize: 5,
      activation: 'relu',
      kernelInitializer: init(),
      name: 'conv1',
    }),
  );
  net.add(tfl.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool1' }));
  net.add(tfl.conv2d({ filters: filters[1], kernelSize: 5, activation: 'relu', kernelInitializer: init(), name: 'conv2' }));
  net.add(tfl.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool2' }));
  net.add(tfl.flatten({ name: 'flatten' }));
  net.add(tfl.dense({ units: hidden, activation: 'relu', kernelInitializer: init(), name: 'fc1' }));
  net.add(
    tfl.dense({
      units: embeddingSize,
      kernelInitializer: initializers.glorotUniform({ seed: options.seed === undefined ? undefined : options.seed + 7919 * k++ }),
      name: 'embedding',
    }),
  );
  return net;
}
