import type { ImageDataset } from '@dlkit/datasets';
import { cifarNetTf, evaluate, train } from '@dlkit/models';
import type { MethodName, NetOptions } from './transfer-experiment';
import { firstImages } from '@dlkit-examples/common';

/** Cost of the network on this machine now, per image. */
export interface MeasuredRates {
  /** Seconds per training image (forward and backward pass, Adam step). */
  trainSeconds: number;
  /** Seconds per scored image (forward pass only). */
  testSeconds: number;
}

/** The sizes of a split-task run that its time depends on. */
export interface SplitPlan {
  baseTrainImages: number;
  baseTestImages: number;
  baseEpochs: number;
  /** Target classes. */
  classes: number;
  labelsPerClass: readonly number[];
  curveTestImages: number;
  /** All target test images, scored once per run (0 when they are the curve set). */
  finalTestImages: number;
  epochs: number;
  /** Least images per epoch (small labelled sets are repeated); 0 for none. */
  epochImages: number;
  learningRates: number;
  methods: readonly MethodName[];
  headEpochs: number;
  /**
   * What a resumed run will not do again ({@link splitProgress} reads it from the run's folder): the base-net
   * epochs already checkpointed (all of them, and its test pass, when the base net is saved), and one entry per
   * finished target run. Default: nothing done.
   */
  done?: {
    baseEpochs: number;
    baseSaved: boolean;
    runs: readonly { labelsPerClass: number; method: MethodName }[];
  };
}

/**
 * Times the network on a few batches of `sample` — a warm-up epoch, then a timed training epoch and a timed
 * test pass — like the cifar-cnn example's estimate: the figure is as good as the machine's load is steady.
 *
 * @example
 * ```ts
 * const rates = await measureRates(d.baseTrain, { batchSize: 32 });
 * splitSeconds(plan, rates); // seconds of the whole run
 * ```
 */
export async function measureRates(
  sample: ImageDataset<Float32Array>,
  options: NetOptions & { batches?: number },
): Promise<MeasuredRates> {
  const batchSize = options.batchSize ?? 32;
  const data = firstImages(sample, batchSize * (options.batches ?? 3));
  const model = cifarNetTf({
    numClasses: data.classNames.length,
    seed: options.seed ?? 1,
    filters: options.filters ?? [32, 32],
    units: options.units ?? [384, 192],
    inputShape: [data.shape[1], data.shape[2], data.shape[3]],
  });
  try {
    const r = await train(model, data, {
      epochs: 2,
      batchSize,
      optimizer: { name: 'adam', learningRate: 0.001 },
      seed: options.seed ?? 1,
      shuffle: false,
    });
    const t0 = performance.now();
    evaluate(model, data, { topK: [1] });
    const testSeconds = (performance.now() - t0) / 1000 / data.shape[0];
    return { trainSeconds: r.history[1].seconds / data.shape[0], testSeconds };
  } finally {
    model.dispose();
  }
}

/**
 * Expected wall seconds of a split-task run at the measured rates, by part: the base net, and the target runs.
 * A training epoch with the body frozen costs about a forward pass through the body (the head is a single
 * dense layer), so it is charged at the test rate; an epoch that trains the whole net at the training rate.
 *
 * @example
 * ```ts
 * const s = splitSeconds(plan, { trainSeconds: 0.006, testSeconds: 0.002 });
 * console.log(`≈ ${(s.total / 60).toFixed(0)} min`);
 * ```
 */
export function splitSeconds(plan: SplitPlan, rates: MeasuredRates): { base: number; target: number; total: number } {
  const done = plan.done;
  const baseEpochs = done?.baseSaved ? 0 : Math.max(0, plan.baseEpochs - (done?.baseEpochs ?? 0));
  const base =
    baseEpochs * plan.baseTrainImages * rates.trainSeconds + (done?.baseSaved ? 0 : plan.baseTestImages * rates.testSeconds);
  let target = 0;
  for (const k of plan.labelsPerClass) {
    const set = k * plan.classes;
    const images = set * Math.max(1, Math.ceil(plan.epochImages / set));
    for (const method of plan.methods) {
      const frozenEpochs =
        method === 'feature extractor' ? plan.epochs : method === 'fine-tune' ? Math.min(plan.headEpochs, plan.epochs - 1) : 0;
      const train = frozenEpochs * images * rates.testSeconds + (plan.epochs - frozenEpochs) * images * rates.trainSeconds;
      const test = plan.epochs * plan.curveTestImages * rates.testSeconds + plan.finalTestImages * rates.testSeconds;
      const finished = done?.runs.filter((r) => r.labelsPerClass === k && r.method === method).length ?? 0;
      target += Math.max(0, plan.learningRates - finished) * (train + test);
    }
  }
  return { base, target, total: base + target };
}
