/**
 * The settings of the study: each is one point of the numpy-assignment comparison (activation, optimiser,
 * weight decay, noise augmentation). The learning rate is shared so that only the named factor changes.
 */
import type { ActivationKind, OptimizerSpec } from '@dlkit/models';

export interface Setting {
  /** Short name used on the command line (`--settings`) and in the table. */
  readonly name: string;
  /** What the setting changes, for the table. */
  readonly description: string;
  readonly activation: ActivationKind;
  readonly optimizer: OptimizerSpec;
  readonly l1: number;
  readonly l2: number;
  /** Standard deviation of the Gaussian noise of the augmented copy of the training fold (0: no augmentation). */
  readonly noiseStd: number;
}

/** Every setting of the study, for a learning rate `lr`. */
export function allSettings(lr: number): Setting[] {
  const sgd: OptimizerSpec = { name: 'sgd', learningRate: lr };
  const momentum: OptimizerSpec = { name: 'momentum', learningRate: lr, momentum: 0.9 };
  const base = { l1: 0, l2: 0, noiseStd: 0 };
  return [
    { name: 'sigmoid-sgd', description: 'sigmoid, plain SGD', activation: 'sigmoid', optimizer: sgd, ...base },
    { name: 'relu-sgd', description: 'ReLU, plain SGD', activation: 'relu', optimizer: sgd, ...base },
    { name: 'sigmoid-momentum', description: 'sigmoid, momentum 0.9', activation: 'sigmoid', optimizer: momentum, ...base },
    { name: 'relu-momentum', description: 'ReLU, momentum 0.9', activation: 'relu', optimizer: momentum, ...base },
    {
      name: 'relu-momentum-l2',
      description: 'ReLU, momentum, L2 1e-4',
      activation: 'relu',
      optimizer: momentum,
      ...base,
      l2: 1e-4,
    },
    {
      name: 'relu-momentum-l1',
      description: 'ReLU, momentum, L1 1e-5',
      activation: 'relu',
      optimizer: momentum,
      ...base,
      l1: 1e-5,
    },
    {
      name: 'relu-momentum-noise',
      description: 'ReLU, momentum, +noisy copy σ=0.1',
      activation: 'relu',
      optimizer: momentum,
      ...base,
      noiseStd: 0.1,
    },
  ];
}

/** The settings run when `--settings` is not given. */
export const DEFAULT_SETTINGS = [
  'sigmoid-sgd',
  'relu-sgd',
  'sigmoid-momentum',
  'relu-momentum',
  'relu-momentum-l2',
  'relu-momentum-l1',
  'relu-momentum-noise',
];
