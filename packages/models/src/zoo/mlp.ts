import { layers as tfl, sequential, type Sequential } from '@tensorflow/tfjs-layers';
import { normal } from '@dlkit/layers';
import { check, numberIn } from '../errors';
import { requireBackend } from '../require-backend';
import { activation, classes, type ActivationKind, type BuilderOptions } from './common';

/** Options of {@link mlp}. */
export interface MlpOptions extends BuilderOptions {
  /** Shape of one input. A multi-dimensional shape (e.g. `[28, 28, 1]`) is flattened first. Default `[784]`. */
  inputShape?: readonly number[];
  /** Width of each hidden layer. Default `[100]` (784-100-10). */
  hidden?: readonly number[];
  /** Hidden non-linearity. Default `'sigmoid'`, as in the numpy assignment. */
  activation?: ActivationKind;
  /** Standard deviation of the N(0, σ) weight initialisation (biases start at 0). Default 0.08. */
  stddev?: number;
}

/**
 * A multi-layer perceptron `784-…-10`: dense hidden layers with sigmoid (or ReLU / tanh) units and a softmax
 * output, weights drawn from N(0, 0.08) as in the classic numpy backpropagation assignment. Layers are named
 * `hidden1`, `hidden2`, …, `output`.
 *
 * @example
 * ```ts
 * import { mlp } from '@dlkit/models';
 * const model = mlp({ hidden: [256, 128], activation: 'relu', seed: 1 });
 * model.outputShape; // [null, 10]
 * ```
 */
export function mlp(options: MlpOptions = {}): Sequential {
  requireBackend('mlp');
  const numClasses = classes(options);
  const inputShape = [...(options.inputShape ?? [784])];
  check(
    inputShape.length >= 1 && inputShape.every((v) => Number.isInteger(v) && v > 0),
    'options.inputShape',
    options.inputShape,
    'a non-empty shape of positive integers',
  );
  const hidden = options.hidden ?? [100];
  check(
    Array.isArray(hidden) && hidden.every((v) => Number.isInteger(v) && v > 0),
    'options.hidden',
    hidden,
    'an array of positive integers',
  );
  const act = activation(options.activation, 'sigmoid');
  const stddev = numberIn('options.stddev', options.stddev ?? 0.08, Number.MIN_VALUE, Infinity, 'a positive number');
  let k = 0;
  const init = () => normal({ stddev, seed: options.seed === undefined ? undefined : options.seed + 7919 * k++ });
  const model = sequential({ name: options.name });
  if (inputShape.length > 1) model.add(tfl.flatten({ inputShape, name: 'flatten' }));
  hidden.forEach((units, i) => {
    model.add(
      tfl.dense({
        units,
        activation: act,
        kernelInitializer: init(),
        biasInitializer: 'zeros',
        name: `hidden${i + 1}`,
        ...(i === 0 && inputShape.length === 1 ? { inputShape } : {}),
      }),
    );
  });
  model.add(
    tfl.dense({
      units: numClasses,
      activation: 'softmax',
      kernelInitializer: init(),
      name: 'output',
      ...(hidden.length === 0 && inputShape.length === 1 ? { inputShape } : {}),
    }),
  );
  return model;
}
