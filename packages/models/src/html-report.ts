import { confusionMatrixSvg } from '@dlkit/metrics';
import { writeFileAtomic } from './atomic-write';
import { check } from './errors';
import type { Evaluation } from './evaluate';
import type { EpochRecord } from './history';
import { escapeXml, lineChartSvg } from './svg-chart';

/** What goes into an {@link htmlReport}. */
export interface ReportInput {
  /** Page title, e.g. `'MNIST ConvNet'`. */
  title: string;
  /** Per-epoch history from {@link train}. */
  history: readonly EpochRecord[];
  /** Test-set evaluation from {@link evaluate} (confusion heatmap, classification report, per-class accuracy). */
  evaluation?: Evaluation;
  /** Wall times in seconds by phase, e.g. `{ 'load data': 0.8, train: 140, evaluate: 2.1 }`. */
  timing?: Readonly<Record<string, number>>;
  /** Run facts shown as a table: engine, model, optimiser, … */
  info?: Readonly<Record<string, string | number | boolean>>;
  /** Generation time stamp. Default now. */
  date?: Date;
}

function table(rows: ReadonlyArray<readonly [string, string]>, cls = 'kv'): string {
  return `<table class="${cls}">${rows.map(([k, v]) => `<tr><th>${escapeXml(k)}</th><td>${escapeXml(v)}</td></tr>`).join('')}</table>`;
}

function fmt(v: number | null, digits = 4): string {
  return v === null || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

function timingSvg(timing: Readonly<Record<string, number>>): string {
  const entries = Object.entries(timing);
  const max = Math.max(1e-9, ...entries.map(([, v]) => v));
  const rowH = 24;
  const w = 520;
  const h = entries.length * rowH + 40;
  const bars = entries
    .map(([k, v], i) => {
      const y = 30 + i * rowH;
      const bw = Math.max(1, (v / max) * 300);
      return `<text x="120" y="${y + 15}" text-anchor="end" font-size="12">${escapeXml(k)}</text><rect x="128" y="${y + 3}" width="${bw.toFixed(1)}" height="${rowH - 8}" fill="#0072b2"/><text x="${(134 + bw).toFixed(1)}" y="${y + 15}" font-size="12">${v.toFixed(2)} s</text>`;
    })
    .join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="Timing"><rect width="${w}" height="${h}" fill="#fff"/><text x="${w / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">Timing</text>${bars}</svg>`;
}

/**
 * Renders a self-contained HTML report of a training run — inline SVG charts of the loss and accuracy curves
 * (train and validation) and the learning rate, the confusion-matrix heatmap, the classification report,
 * per-class accuracy, timing and the per-epoch table. No scripts or assets are fetched; the file opens offline.
 *
 * @example
 * ```ts
 * const html = htmlReport({ title: 'MNIST ConvNet', history: result.history, evaluation: evaluate(model, test),
 *   timing: { train: result.seconds } });
 * ```
 */
export function htmlReport(input: ReportInput): string {
  check(typeof input === 'object' && input !== null && Array.isArray(input.history), 'input.history', input?.history, 'an array of epoch records');
  const h = input.history;
  const hasVal = h.some((r) => r.valLoss !== null);
  const charts: string[] = [];
  if (h.length > 0) {
    charts.push(lineChartSvg({
      title: 'Loss', xLabel: 'epoch', yLabel: 'loss',
      series: [{ name: 'train', values: h.map((r) => r.loss) }, ...(hasVal ? [{ name: 'validation', values: h.map((r) => r.valLoss), dashed: true }] : [])],
    }));
    charts.push(lineChartSvg({
      title: 'Accuracy', xLabel: 'epoch', yLabel: 'accuracy',
      series: [{ name: 'train', values: h.map((r) => r.accuracy) }, ...(hasVal ? [{ name: 'validation', values: h.map((r) => r.valAccuracy), dashed: true }] : [])],
    }));
    charts.push(lineChartSvg({
      title: 'Learning rate', xLabel: 'epoch', yLabel: 'learning rate', logY: h.every((r) => r.learningRate > 0),
      series: [{ name: 'learning rate', values: h.map((r) => r.learningRate), color: '#009e73' }],
    }));
  }
  const ev = input.evaluation;
  const last = h[h.length - 1];
  const summary: Array<[string, string]> = [];
  if (ev) summary.push(['test accuracy', `${(ev.accuracy * 100).toFixed(2)} %`], ['test loss', fmt(ev.loss)]);
  if (ev) for (const [k, v] of Object.entries(ev.topK)) if (k !== '1') summary.push([`top-${k} accuracy`, `${(v * 100).toFixed(2)} %`]);
  if (last) summary.push(['epochs', String(h.length)], ['final train loss', fmt(last.loss)], ['final validation accuracy', last.valAccuracy === null ? '–' : `${(last.valAccuracy * 100).toFixed(2)} %`]);
  const totalTrain = h.reduce((s, r) => s + r.seconds, 0);
  if (h.length) summary.push(['training time', `${totalTrain.toFixed(1)} s`]);
  const info = Object.entries(input.info ?? {}).map(([k, v]) => [k, String(v)] as [string, string]);
  const timing = input.timing ?? {};
  const epochRows = h
    .map((r) => `<tr><td>${r.epoch}</td><td>${fmt(r.loss)}</td><td>${fmt(r.accuracy)}</td><td>${fmt(r.valLoss)}</td><td>${fmt(r.valAccuracy)}</td><td>${r.learningRate.toPrecision(3)}</td><td>${r.seconds.toFixed(2)}</td><td>${Math.round(r.samplesPerSecond)}</td></tr>`)
    .join('');
  const perClass = ev
    ? `<table class="grid"><tr><th>class</th><th>accuracy</th><th>correct</th><th>total</th></tr>${ev.perClass.labels
        .map((l, i) => `<tr><td>${escapeXml(ev.classNames[l] ?? String(l))}</td><td>${fmt(ev.perClass.accuracy[i])}</td><td>${ev.perClass.correct[i]}</td><td>${ev.perClass.total[i]}</td></tr>`)
        .join('')}</table>`
    : '';
  const date = (input.date ?? new Date()).toISOString();
  const cmSvg = ev ? confusionMatrixSvg(ev.confusionMatrix, { classNames: ev.classNames, title: 'Confusion matrix (test)' }).replace(/^<\?xml[^>]*>\s*/, '') : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(input.title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1120px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
.charts{display:flex;flex-wrap:wrap;gap:12px}.charts svg{border:1px solid #ddd}
table{border-collapse:collapse;font-size:13px}th,td{padding:3px 10px;text-align:left;border-bottom:1px solid #eee}
table.grid td{text-align:right}pre{background:#f7f7f7;padding:10px;overflow:auto;font-size:13px}
.muted{color:#777;font-size:12px}
</style></head>
<body>
<h1>${escapeXml(input.title)}</h1>
<p class="muted">Generated ${escapeXml(date)} by @dlkit/models.</p>
<section id="summary"><h2>Summary</h2>${table(summary)}${info.length ? `<h2>Run</h2>${table(info)}` : ''}</section>
<section id="curves"><h2>Training curves</h2><div class="charts">${charts.join('\n')}</div></section>
${ev ? `<section id="confusion"><h2>Confusion matrix</h2><div class="charts">${cmSvg}</div></section>
<section id="report"><h2>Classification report</h2><pre>${escapeXml(ev.report.text)}</pre><h2>Per-class accuracy</h2>${perClass}</section>` : ''}
${Object.keys(timing).length ? `<section id="timing"><h2>Timing</h2><div class="charts">${timingSvg(timing)}</div></section>` : ''}
<section id="epochs"><h2>Epochs</h2><table class="grid"><tr><th>epoch</th><th>loss</th><th>accuracy</th><th>val loss</th><th>val accuracy</th><th>learning rate</th><th>seconds</th><th>samples/s</th></tr>${epochRows}</table></section>
</body></html>
`;
}

/**
 * Writes {@link htmlReport} to `path` atomically (temp file + rename), creating folders.
 *
 * @example
 * ```ts
 * await writeHtmlReport('reports/mnist.html', { title: 'MNIST', history, evaluation });
 * ```
 */
export async function writeHtmlReport(path: string, input: ReportInput): Promise<void> {
  await writeFileAtomic(path, htmlReport(input));
}
