/**
 * The sweep's unit of work as a @dlkit/sweep trial: one setting trained and evaluated once with one seed. Workers
 * on any machine import it as `@dlkit-examples/convnet-sweep/trials` (this package's `exports`), so the
 * same grid runs in this process, in local worker processes, or on dlkit-worker processes through Redis.
 */
import { initBackend } from '@dlkit/backend';
import { deriveSeed, subset } from '@dlkit/datasets';
import { defineTrial } from '@dlkit/sweep';
import { fixedSubset, loadSweepData, type DataVariant, type SweepData } from './data';
import type { Setting } from './settings';
import { runOnce, type RunResult } from './sweep';

/** The module specifier and export name sweeps name this trial by. */
export const CONVNET_TRIAL = { module: '@dlkit-examples/convnet-sweep/trials', name: 'convnetTrial' } as const;

/** Everything one run depends on besides its seed (JSON: it travels to workers). */
export interface ConvnetTrialSettings {
  data: DataVariant;
  /** Fashion-MNIST IDX folder (on the worker's machine). */
  root?: string;
  setting: Setting;
  /** Training images of the run: a stratified draw from the training set with `deriveSeed(seed, samples)`. */
  samples: number;
  epochs: number;
  /** Test images every run is evaluated on (a fixed stratified draw). */
  evalSize: number;
  batchSize: number;
  learningRate: number;
}

/** One run's result, and the engine it ran on. */
export interface ConvnetTrialResult extends RunResult {
  parameters: number;
  engine: string;
}

// One load per process: in-process sweeps run many trials in one process.
const loaded = new Map<string, Promise<SweepData>>();

/**
 * Trains `settings.setting` on its seed's training draw and evaluates it on the fixed test draw: exactly the
 * run the in-process sweep makes for that setting and seed, so its numbers are identical wherever it runs.
 */
export const convnetTrial = defineTrial<ConvnetTrialSettings, ConvnetTrialResult>({
  threads: 1,
  run: async (s, context) => {
    const engine = await initBackend({ threads: context.threads });
    const key = `${s.data}:${s.root ?? ''}`;
    if (!loaded.has(key)) loaded.set(key, loadSweepData(s.data, s.root === undefined ? {} : { root: s.root }));
    const data = await (loaded.get(key) as Promise<SweepData>);
    const trainSet = subset(data.train, s.samples, { seed: deriveSeed(context.seed, s.samples), stratified: true });
    const evalSet = fixedSubset(data.test, s.evalSize);
    const run = await runOnce(s.setting, trainSet, evalSet, s.epochs, context.seed, {
      batchSize: s.batchSize,
      learningRate: s.learningRate,
      onEpoch: (epoch, epochs, loss) => context.progress({ epoch, epochs, loss }),
    });
    return { ...run, engine: `${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'})` };
  },
});
