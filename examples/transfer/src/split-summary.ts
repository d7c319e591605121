import { pct, secs, textTable } from '@dlkit-examples/common';
import type { SplitRunResult } from './split-experiment';
import { commonTarget, secondsToReach, type MethodName } from './transfer-experiment';

const METHODS: readonly MethodName[] = ['feature extractor', 'fine-tune', 'from scratch'];

/** The labelled-set sizes of `runs`, in the order they were run. */
export function labelSizes(runs: readonly SplitRunResult[]): number[] {
  return [...new Set(runs.map((r) => r.labelsPerClass))];
}

/** The accuracy a run is ranked by: on all target test images when scored, else the curve's final value. */
export const testAccuracy = (r: SplitRunResult): number => r.finalTestAccuracy ?? r.finalAccuracy;

/**
 * Per labelled-set size and method, the run (learning rate) with the best {@link testAccuracy} — chosen on the
 * test images, as in the CIFAR-100 task: with a few labels per class there is no validation set to spare.
 */
export function bestRun(runs: readonly SplitRunResult[], labelsPerClass: number, method: MethodName): SplitRunResult | null {
  const of = runs.filter((r) => r.labelsPerClass === labelsPerClass && r.method === method);
  return of.length === 0 ? null : of.reduce((a, b) => (testAccuracy(b) > testAccuracy(a) ? b : a));
}

/** Methods present in `runs`, in the fixed order feature extractor, fine-tune, from scratch. */
export function methodsOf(runs: readonly SplitRunResult[]): MethodName[] {
  return METHODS.filter((m) => runs.some((r) => r.method === m));
}

/**
 * The labels-per-class curve: one row per labelled-set size, per method the accuracy on every target test
 * image at its best learning rate and the run's seconds.
 */
export function labelsCurveRows(runs: readonly SplitRunResult[]): { head: string[]; rows: string[][] } {
  const methods = methodsOf(runs);
  return {
    head: ['labels / class', 'train images', 'images / epoch', ...methods.flatMap((m) => [m, 's'])],
    rows: labelSizes(runs).map((k) => [
      String(k),
      String(runs.find((r) => r.labelsPerClass === k)?.trainImages ?? ''),
      String(runs.find((r) => r.labelsPerClass === k)?.epochImages ?? ''),
      ...methods.flatMap((m) => {
        const r = bestRun(runs, k, m);
        return r === null ? ['–', '–'] : [pct(testAccuracy(r)), secs(r.trainSeconds)];
      }),
    ]),
  };
}

const lrText = (r: SplitRunResult) =>
  r.fineTuneLearningRate === null ? String(r.learningRate) : `${r.learningRate} → ${+r.fineTuneLearningRate.toPrecision(3)}`;

/**
 * Every run of one labelled-set size, with the seconds to reach the accuracy every method reaches on the curve
 * set (`commonTarget`) and the accuracy on all target test images.
 */
export function splitRunRows(runs: readonly SplitRunResult[]): { head: string[]; rows: string[][]; target: number } {
  const target = commonTarget(runs);
  return {
    target,
    head: [
      'method',
      'Adam lr',
      'acc @ epoch 1',
      'curve final',
      'curve best',
      `s to ${pct(target)}`,
      'seconds',
      'all test',
      'trainable',
    ],
    rows: runs.map((r) => {
      const s = secondsToReach(r, target);
      return [
        r.method,
        lrText(r),
        pct(r.curve[0]?.accuracy ?? Number.NaN),
        pct(r.finalAccuracy),
        pct(r.bestAccuracy),
        s === null ? 'not reached' : secs(s),
        secs(r.trainSeconds),
        r.finalTestAccuracy === null ? '–' : pct(r.finalTestAccuracy),
        String(r.trainableParameters),
      ];
    }),
  };
}

/** The labels-per-class curve as text. */
export function labelsCurveTable(runs: readonly SplitRunResult[]): string {
  const { head, rows } = labelsCurveRows(runs);
  return textTable(head, rows);
}

/** The runs of one labelled-set size as text. */
export function splitRunsTable(runs: readonly SplitRunResult[]): string {
  const { head, rows } = splitRunRows(runs);
  return textTable(head, rows);
}

/** Headline figures for the results page: per size and method, the accuracy on all target test images. */
export function splitHeadline(runs: readonly SplitRunResult[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of labelSizes(runs))
    for (const m of methodsOf(runs)) {
      const r = bestRun(runs, k, m);
      if (r) out[`${k}/class ${m}`] = `${pct(testAccuracy(r))} (${secs(r.trainSeconds)} s)`;
    }
  return out;
}
