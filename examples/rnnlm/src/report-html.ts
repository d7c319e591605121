import { figure, html, htmlPage, lineChart, table } from '@dlkit/report';

/** One trained RNN's per-epoch perplexities, as the report charts them. */
export interface PerplexityCurve {
  name: string;
  validPerplexity: readonly number[];
  trainPerplexity: readonly number[];
}

/** Everything the rnnlm report shows. */
export interface RnnlmReport {
  /** The data paragraph: corpus sizes, vocabulary, OOV, seed, total time. */
  data: string;
  header: readonly string[];
  lines: ReadonlyArray<readonly string[]>;
  gridTitle: string;
  gridHeader: readonly string[];
  gridLines: ReadonlyArray<readonly string[]>;
  /** The RNN trainings as sweep trials: where and how long each ran. Omitted: no such section. */
  trials?: { head: readonly string[]; rows: ReadonlyArray<readonly string[]> };
  curves: readonly PerplexityCurve[];
}

/** Perplexity per epoch, one line per model, the last value in the legend; log y axis: perplexities fall steeply. */
function perplexityChart(curves: readonly PerplexityCurve[], pick: (c: PerplexityCurve) => readonly number[], title: string) {
  if (!curves.some((c) => pick(c).some((v) => Number.isFinite(v) && v > 0))) return null;
  return figure(
    lineChart({
      title,
      xLabel: 'epoch',
      yLabel: 'perplexity (log scale)',
      logY: true,
      legend: 'right',
      width: 760,
      height: 340,
      nonFinite: 'gap',
      series: curves.map((c) => {
        const values = pick(c);
        const last = values[values.length - 1];
        return { name: `${c.name}${last === undefined ? '' : ` (${last.toFixed(1)})`}`, y: values };
      }),
    }),
  );
}

/** The self-contained HTML report of a run: results table, regularisation grid, perplexity curves, trials. */
export function rnnlmReportHtml(r: RnnlmReport): string {
  const valid = perplexityChart(r.curves, (c) => c.validPerplexity, 'Held-out perplexity per epoch');
  const trainC = perplexityChart(r.curves, (c) => c.trainPerplexity, 'Training perplexity per epoch');
  const charts = valid || trainC ? html`<div class="charts">${valid}${trainC}</div>` : null;
  return htmlPage({
    title: 'Mikolov RNN LM vs modified Kneser-Ney on Penn Treebank text',
    intro: html`<p>${r.data}</p>\n${table({ head: r.header, rows: r.lines })}`,
    sections: [
      { title: r.gridTitle, content: table({ head: r.gridHeader, rows: r.gridLines }) },
      ...(charts ? [{ title: 'Perplexity per epoch', content: charts }] : []),
      ...(r.trials
        ? [{ title: 'Trials: where and how long each RNN trained', content: table({ head: r.trials.head, rows: r.trials.rows }) }]
        : []),
    ],
  });
}
