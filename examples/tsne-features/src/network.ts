import { cifarNetTf, mnistConvNet } from '@dlkit/models';
import type { Options } from './options';

/** The network the example trains, and how the console, the page and the JSON name it. */
export interface Network {
  model: ReturnType<typeof mnistConvNet>;
  description: string;
}

/**
 * The seeded network for --data, built for the data set's image shape and class count: the Torch-tutorial ConvNet
 * for the grey 28×28 digits and clothes, the TensorFlow-tutorial CifarNet (seed 004's network, whose fc2 features
 * it embedded) for colour 32×32 CIFAR-10.
 */
export function networkFor(options: Options, shape: readonly number[], numClasses: number): Network {
  const inputShape: [number, number, number] = [shape[1], shape[2], shape[3]];
  if (options.variant === 'cifar10') {
    return {
      model: cifarNetTf({ numClasses, seed: options.seed, inputShape }),
      description: 'TF-tutorial CifarNet (cifarNetTf: conv 5×5 64-64, fc 384-192, ReLU, max pool, LRN)',
    };
  }
  return {
    model: mnistConvNet({ numClasses, seed: options.seed, inputShape }),
    description: 'Torch-tutorial ConvNet 64-64-128 (mnistConvNet: tanh, L2 pooling)',
  };
}
