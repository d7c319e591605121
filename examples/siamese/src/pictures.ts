import { lineChart, scatterPlot, type LineSeries } from '@dlkit/report';
import type { EmbeddingPicture, SiameseHistory } from '@dlkit/siamese';

/**
 * The contrastive loss of one or more runs against the training step: held-out pair loss (solid) and the
 * mean training loss since the previous evaluation (dashed), drawn by `@dlkit/report`.
 */
export function lossChart(
  runs: ReadonlyArray<{ name: string; history: SiameseHistory }>,
  title: string,
  showTrain = true,
): string {
  const series: LineSeries[] = [];
  for (const { name, history } of runs) {
    const steps = history.evaluations.map((e) => e.step);
    if (history.evaluations.some((e) => e.evalLoss !== null))
      series.push({ name: `${name} (held-out)`, x: steps, y: history.evaluations.map((e) => e.evalLoss) });
    if (showTrain)
      series.push({ name: `${name} (train)`, x: steps, y: history.evaluations.map((e) => e.trainLoss), dashed: true });
  }
  return lineChart({ title, series, xLabel: 'training step', yLabel: 'contrastive loss', xFromZero: true, nonFinite: 'gap' });
}

/** The t-SNE map of an {@link EmbeddingPicture}'s points, coloured by class, drawn by `@dlkit/report`. */
export function tsneChart(pic: EmbeddingPicture, classNames: readonly string[], title: string): string {
  return scatterPlot({
    points: pic.points.data,
    dims: pic.points.cols,
    labels: pic.labels,
    classNames,
    title,
    width: 640,
    height: 520,
  });
}
