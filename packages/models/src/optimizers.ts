import { ZeilerAdadelta } from './adadelta';
import * as tf from '@tensorflow/tfjs-core';
import { check, numberIn } from './errors';

/** Plain stochastic gradient descent, `w ← w − η g`. */
export interface SgdSpec {
  name: 'sgd';
  learningRate: number;
}
/** SGD with (classical) momentum, `v ← μ v + g; w ← w − η v` (tfjs' `MomentumOptimizer`). */
export interface MomentumSpec {
  name: 'momentum';
  learningRate: number /** μ. Default 0.9. */;
  momentum?: number /** Nesterov momentum. Default false. */;
  useNesterov?: boolean;
}
/** Adadelta (Zeiler 2012). */
export interface AdadeltaSpec {
  name: 'adadelta' /** Default 1 (Zeiler's, and PyTorch's). */;
  learningRate?: number /** ρ. Default 0.95. */;
  rho?: number /** Default 1e-6. */;
  epsilon?: number;
}
/** Adam (Kingma & Ba 2015). */
export interface AdamSpec {
  name: 'adam' /** Default 0.001. */;
  learningRate?: number /** Default 0.9. */;
  beta1?: number /** Default 0.999. */;
  beta2?: number /** Default 1e-7 (Keras). */;
  epsilon?: number;
}

/** Which optimiser to train with, and its hyper-parameters. */
export type OptimizerSpec = SgdSpec | MomentumSpec | AdadeltaSpec | AdamSpec;
/** Optimiser names: a bare name uses the defaults (SGD and momentum: η = 0.01). */
export type OptimizerName = OptimizerSpec['name'];

/** An optimiser whose learning rate can change between steps. */
export interface ScheduledOptimizer {
  readonly optimizer: tf.Optimizer;
  readonly spec: Readonly<OptimizerSpec>;
  /** The learning rate the next step uses. */
  learningRate(): number;
  /** Changes the learning rate of the following steps (keeps the accumulated state). */
  setLearningRate(lr: number): void;
  /** Frees the optimiser's tensors (also the learning-rate scalar tfjs' `MomentumOptimizer.dispose` forgets). */
  dispose(): void;
}

/**
 * Normalises an optimiser name or spec: fills the defaults and validates the numbers.
 *
 * @example
 * ```ts
 * resolveOptimizerSpec('adam');   // { name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }
 * resolveOptimizerSpec({ name: 'momentum', learningRate: 0.05 }); // momentum 0.9
 * ```
 */
export function resolveOptimizerSpec(spec: OptimizerSpec | OptimizerName): Required<OptimizerSpec> {
  const s: OptimizerSpec = typeof spec === 'string' ? ({ name: spec } as OptimizerSpec) : spec;
  const lr = (v: number | undefined, d: number) =>
    numberIn('options.optimizer.learningRate', v ?? d, 0, Infinity, 'a non-negative number');
  switch (s?.name) {
    case 'sgd':
      return { name: 'sgd', learningRate: lr(s.learningRate, 0.01) };
    case 'momentum':
      return {
        name: 'momentum',
        learningRate: lr(s.learningRate, 0.01),
        momentum: numberIn('options.optimizer.momentum', s.momentum ?? 0.9, 0, 1),
        useNesterov: s.useNesterov === true,
      };
    case 'adadelta':
      return {
        name: 'adadelta',
        learningRate: lr(s.learningRate, 1),
        rho: numberIn('options.optimizer.rho', s.rho ?? 0.95, 0, 1),
        epsilon: numberIn('options.optimizer.epsilon', s.epsilon ?? 1e-6, 0, 1),
      };
    case 'adam':
      return {
        name: 'adam',
        learningRate: lr(s.learningRate, 0.001),
        beta1: numberIn('options.optimizer.beta1', s.beta1 ?? 0.9, 0, 1),
        beta2: numberIn('options.optimizer.beta2', s.beta2 ?? 0.999, 0, 1),
        epsilon: numberIn('options.optimizer.epsilon', s.epsilon ?? 1e-7, 0, 1),
      };
    default:
      check(false, 'options.optimizer', spec, "'sgd', 'momentum', 'adadelta', 'adam' or an object { name, learningRate, … }");
  }
}

/**
 * Creates a tfjs optimiser from a spec, wrapped so that learning-rate schedules can change its rate.
 * The caller disposes `optimizer` when done.
 *
 * @example
 * ```ts
 * const opt = createOptimizer({ name: 'momentum', learningRate: 0.1 });
 * opt.setLearningRate(0.05); // e.g. after a plateau
 * ```
 */
export function createOptimizer(spec: OptimizerSpec | OptimizerName): ScheduledOptimizer {
  const s = resolveOptimizerSpec(spec);
  let optimizer: tf.Optimizer;
  switch (s.name) {
    case 'sgd':
      optimizer = tf.train.sgd(s.learningRate);
      break;
    case 'momentum':
      optimizer = tf.train.momentum(s.learningRate, s.momentum, s.useNesterov);
      break;
    case 'adadelta':
      optimizer = new ZeilerAdadelta(s.learningRate, s.rho, s.epsilon);
      break; // tfjs' own divides by the stale accumulator
    case 'adam':
      optimizer = tf.train.adam(s.learningRate, s.beta1, s.beta2, s.epsilon);
      break;
  }
  let current = s.learningRate;
  return {
    optimizer,
    spec: s,
    learningRate: () => current,
    dispose() {
      optimizer.dispose();
      if (s.name === 'momentum') (optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
    },
    setLearningRate(lr: number) {
      numberIn('learningRate', lr, 0, Infinity, 'a non-negative number');
      current = lr;
      if (s.name === 'sgd' || s.name === 'momentum')
        (optimizer as tf.SGDOptimizer).setLearningRate(lr); // keeps its -η scalar
      else (optimizer as unknown as { learningRate: number }).learningRate = lr; // Adam, Adadelta read it every step
    },
  };
}
