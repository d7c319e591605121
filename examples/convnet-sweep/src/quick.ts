import type { FactorLevels, Setting } from './settings';

/** Sizes of the `--quick` run (and the smoke test): tiny nets, few images, a few seconds per setting. */
export interface QuickPreset {
  samples: number;
  epochs: number;
  seeds: number;
  evalSize: number;
  fullSamples: number;
  baseline: Setting;
  levels: FactorLevels;
}

/**
 * The `--quick` preset: the same design (every factor, every pooling, activation and dropout level) with
 * nets 8× narrower than the real sweep's and 200 training images, so the whole pipeline runs in seconds.
 * Its numbers say nothing about the seed experiment.
 *
 * @example
 * ```ts
 * await runSweep({ train, evalSet, factors: FACTORS, ...QUICK, seed: 1 });
 * ```
 */
export const QUICK: QuickPreset = {
  samples: 200,
  epochs: 3,
  seeds: 2,
  evalSize: 200,
  fullSamples: 1000,
  baseline: { pooling: 'l2', nstates: [4, 4, 16], activation: 'tanh', dropout: 0 },
  levels: {
    pooling: ['avg', 'max', 'l2'],
    nstates: [
      [2, 2, 8],
      [4, 4, 16],
      [8, 8, 32],
    ],
    activation: ['sigmoid', 'relu', 'tanh'],
    dropout: [0, 0.25, 0.5],
  },
};
