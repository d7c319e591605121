import { pct, secs, textTable } from '@dlkit-examples/common';
import { secondsToReach, type MethodName, type RunResult } from './transfer-experiment';

const METHODS: readonly MethodName[] = ['feature extractor', 'fine-tune', 'from scratch'];

/** Per method, the run (learning rate) with the best accuracy. */
export function bestByMethod(runs: readonly RunResult[]): RunResult[] {
  return METHODS.flatMap((m) => {
    const of = runs.filter((r) => r.method === m);
    return of.length === 0 ? [] : [of.reduce((a, b) => (b.bestAccuracy > a.bestAccuracy ? b : a))];
  });
}

const lrText = (r: RunResult) =>
  r.fineTuneLearningRate === null ? String(r.learningRate) : `${r.learningRate} → ${+r.fineTuneLearningRate.toPrecision(3)}`;
const reach = (r: RunResult, target: number) => {
  const s = secondsToReach(r, target);
  return s === null ? 'not reached' : secs(s);
};

/** Rows of every (method, learning rate) run. */
export function runRows(runs: readonly RunResult[], target: number): { head: string[]; rows: string[][] } {
  return {
    head: ['method', 'Adam lr', 'acc @ epoch 1', 'final acc', 'best acc', 'seconds', `s to ${pct(target)}`, 'trainable'],
    rows: runs.map((r) => [
      r.method,
      lrText(r),
      pct(r.curve[0]?.accuracy ?? Number.NaN),
      pct(r.finalAccuracy),
      pct(r.bestAccuracy),
      secs(r.trainSeconds),
      reach(r, target),
      String(r.trainableParameters),
    ]),
  };
}

/** Rows of the per-method summary at each method's best learning rate, with the speed-up over from-scratch. */
export function summaryRows(runs: readonly RunResult[], target: number): { head: string[]; rows: string[][] } {
  const best = bestByMethod(runs);
  const scratch = best.find((r) => r.method === 'from scratch');
  const scratchReach = scratch ? secondsToReach(scratch, target) : null;
  return {
    head: ['method', 'best lr', 'best acc', 'seconds', `s to ${pct(target)}`, 'faster than scratch', 's / epoch'],
    rows: best.map((r) => {
      const s = secondsToReach(r, target);
      return [
        r.method,
        lrText(r),
        pct(r.bestAccuracy),
        secs(r.trainSeconds),
        s === null ? 'not reached' : secs(s),
        r.method === 'from scratch' || s === null || scratchReach === null ? '–' : `×${(scratchReach / s).toFixed(1)}`,
        secs(r.trainSeconds / r.curve.length),
      ];
    }),
  };
}

/** Every run as text. */
export function runsTable(runs: readonly RunResult[], target: number): string {
  const { head, rows } = runRows(runs, target);
  return textTable(head, rows);
}

/** The per-method summary as text. */
export function summaryTable(runs: readonly RunResult[], target: number): string {
  const { head, rows } = summaryRows(runs, target);
  return textTable(head, rows);
}

/** Headline figures for the results page. */
export function headline(runs: readonly RunResult[], target: number, folder: readonly RunResult[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of bestByMethod(runs)) {
    const s = secondsToReach(r, target);
    out[`CIFAR-100 ${r.method}`] =
      `${pct(r.bestAccuracy)} (${s === null ? `${pct(target)} not reached` : `${pct(target)} in ${secs(s)} s`})`;
  }
  for (const r of folder) out[`image folder ${r.method}`] = pct(r.finalAccuracy);
  return out;
}
