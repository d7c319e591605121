import type { Row } from './embedding';

/** The results as an aligned text table. */
export function table(rows: readonly Row[], k: number): string {
  const head = ['layer', 'dims', 'epoch', 'test acc', 'trustworthiness', `${k}-NN acc (2-D)`, 'KL', 'PCA s', 't-SNE s'];
  const body = rows.map((r) => [
    r.layer,
    String(r.features),
    String(r.epoch),
    `${(r.testAccuracy * 100).toFixed(1)} %`,
    r.trustworthiness.toFixed(4),
    `${(r.knnAccuracy * 100).toFixed(1)} %`,
    r.klDivergence.toFixed(3),
    r.seconds.pca.toFixed(1),
    r.seconds.tsne.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
