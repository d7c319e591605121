import { lineChartSvg, type ChartSeries } from '@dlkit/models';
import { check } from './errors';
import type { SiameseHistory } from './train-siamese';

/** Options of {@link lossCurveSvg}. */
export interface LossCurveOptions {
  /** Chart title. Default `'Contrastive loss'`. */
  title?: string;
  /** Also draw the training loss (mean between evaluations, dashed). Default true. */
  showTrain?: boolean;
  width?: number;
  height?: number;
}

function isHistory(x: unknown): x is SiameseHistory {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/**
 * The loss curves of one or more {@link trainSiamese} runs as a self-contained SVG: held-out pair loss
 * (solid) and mean training loss (dashed) at every evaluation point.
 *
 * @example
 * ```ts
 * const svg = lossCurveSvg([{ name: 'form 2 + random', history }], { title: 'Fashion-MNIST' });
 * ```
 */
export function lossCurveSvg(runs: SiameseHistory | ReadonlyArray<{ name: string; history: SiameseHistory }>, options: LossCurveOptions = {}): string {
  const list: ReadonlyArray<{ name: string; history: SiameseHistory }> = isHistory(runs)
    ? [{ name: `${runs.form} + ${runs.strategy}`, history: runs }]
    : runs;
  check(list.length > 0 && list.every((r) => r !== null && typeof r === 'object' && Array.isArray(r.history?.evaluations)), 'runs', runs, 'a SiameseHistory or a non-empty array of { name, history }');
  const series: ChartSeries[] = [];
  for (const { name, history } of list) {
    if (history.evaluations.some((e) => e.evalLoss !== null)) series.push({ name: `${name} (held-out)`, values: history.evaluations.map((e) => e.evalLoss) });
    if (options.showTrain ?? true) series.push({ name: `${name} (train)`, values: history.evaluations.map((e) => e.trainLoss), dashed: true });
  }
  const steps = list[0].history.evaluations.map((e) => e.step);
  const stride = steps.length > 1 ? steps[1] - steps[0] : 0;
  return lineChartSvg({
    title: options.title ?? 'Contrastive loss',
    series,
    xLabel: stride > 0 ? `evaluation k (step = (k − 1) × ${stride})` : 'evaluation',
    yLabel: 'loss',
    width: options.width,
    height: options.height,
  });
}
