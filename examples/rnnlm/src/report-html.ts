import { figure, html, htmlPage, lineChart, table } from '@dlkit/report';
import type { MixturePoint } from './mixture-curve';

/** One trained RNN's per-epoch perplexities, as the report charts them. */
export interface PerplexityCurve {
  name: string;
  validPerplexity: readonly number[];
  trainPerplexity: readonly number[];
}

/** Everything the rnnlm report shows. */
export interface RnnlmReport {
  /** The page title; default: the small protocol's. */
  title?: string;
  /** The data paragraph: corpus sizes, vocabulary, OOV, seed, total time. */
  data: string;
  header: readonly string[];
  lines: ReadonlyArray<readonly string[]>;
  /** The regularisation grid (small protocol). Omitted: no such section. */
  grid?: { title: string; header: readonly string[]; lines: ReadonlyArray<readonly string[]> };
  /**
   * The mixtures of the first k RNNs + KN5 for every k (full protocol), static and dynamic, next to the published
   * mixture's figure. Omitted or fewer than two points: no such chart.
   */
  mixtures?: { static: readonly MixturePoint[]; dynamic: readonly MixturePoint[]; published?: number };
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

/** Test (and valid, dashed) perplexity of the mixture + KN5 against its number of RNNs, the published figure flat. */
function mixtureChart(m: NonNullable<RnnlmReport['mixtures']>) {
  if (m.static.length < 2) return null;
  const line = (name: string, points: readonly MixturePoint[], pick: (p: MixturePoint) => number, dashed = false) => ({
    name: `${name} (${pick(points[points.length - 1]!).toFixed(1)})`,
    x: points.map((p) => p.members),
    y: points.map(pick),
    dashed,
  });
  const published = m.published;
  return figure(
    lineChart({
      title: 'Mixture of the first k RNNs + KN5 (weights tuned on valid for each k)',
      xLabel: 'RNNs in the mixture',
      yLabel: 'perplexity',
      legend: 'right',
      width: 760,
      height: 340,
      series: [
        line('static, test', m.static, (p) => p.testPerplexity),
        line('static, valid', m.static, (p) => p.validPerplexity, true),
        ...(m.dynamic.length > 1
          ? [
              line('dynamic, test', m.dynamic, (p) => p.testPerplexity),
              line('dynamic, valid', m.dynamic, (p) => p.validPerplexity, true),
            ]
          : []),
        ...(published === undefined
          ? []
          : [
              {
                name: `published static mixture (${published})`,
                x: m.static.map((p) => p.members),
                y: m.static.map(() => published),
                dashed: true,
              },
            ]),
      ],
    }),
  );
}

/** The self-contained HTML report of a run: results table, regularisation grid, mixture and perplexity charts, trials. */
export function rnnlmReportHtml(r: RnnlmReport): string {
  const valid = perplexityChart(r.curves, (c) => c.validPerplexity, 'Held-out perplexity per epoch');
  const trainC = perplexityChart(r.curves, (c) => c.trainPerplexity, 'Training perplexity per epoch');
  const charts = valid || trainC ? html`<div class="charts">${valid}${trainC}</div>` : null;
  const mixtures = r.mixtures === undefined ? null : mixtureChart(r.mixtures);
  return htmlPage({
    title: r.title ?? 'Mikolov RNN LM vs modified Kneser-Ney on Penn Treebank text',
    intro: html`<p>${r.data}</p>\n${table({ head: r.header, rows: r.lines })}`,
    sections: [
      ...(r.grid ? [{ title: r.grid.title, content: table({ head: r.grid.header, rows: r.grid.lines }) }] : []),
      ...(mixtures ? [{ title: 'How the mixture grows with its RNNs', content: mixtures }] : []),
      ...(charts ? [{ title: 'Perplexity per epoch', content: charts }] : []),
      ...(r.trials
        ? [{ title: 'Trials: where and how long each RNN trained', content: table({ head: r.trials.head, rows: r.trials.rows }) }]
        : []),
    ],
  });
}
