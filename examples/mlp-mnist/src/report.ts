/**
 * The HTML report of the study: the cross-validation table, the mean training-loss curve of every setting, the
 * best setting's per-fold confusion matrices and classification reports, and the test-set run (loss curve,
 * confusion matrix, report, one image's softmax probabilities). Self-contained: inline SVG, no scripts.
 */
import { confusionMatrixSvg, type ConfusionMatrix } from '@dlkit/metrics';
import { lineChartSvg, type EpochRecord } from '@dlkit/models';
import { escapeHtml } from '@dlkit-examples/common';

/** One cross-validated setting, as the report needs it. */
export interface ReportSetting {
  name: string;
  description: string;
  mean: number;
  std: number;
  seconds: number;
  folds: readonly { fold: number; valSize: number; valAccuracy: number; history: readonly EpochRecord[]; confusion: ConfusionMatrix; reportText: string }[];
}

/** Everything the page shows. */
export interface StudyReport {
  info: Readonly<Record<string, string | number>>;
  classNames: readonly string[];
  settings: readonly ReportSetting[];
  best: string;
  test: { setting: string; accuracy: number; loss: number; history: readonly EpochRecord[]; confusion: ConfusionMatrix; reportText: string; trainSeconds: number };
  image: { index: number; label: number; predicted: number; probabilities: readonly number[] };
  timing: Readonly<Record<string, number>>;
}

const esc = escapeHtml;
const pct = (v: number): string => `${(100 * v).toFixed(2)} %`;

/** Per-epoch mean of the folds' training loss (folds may stop at different epochs: mean over those present). */
function meanLoss(folds: ReportSetting['folds']): number[] {
  const epochs = Math.max(0, ...folds.map((f) => f.history.length));
  return Array.from({ length: epochs }, (_, e) => {
    const values = folds.map((f) => f.history[e]?.loss).filter((v): v is number => v !== undefined && Number.isFinite(v));
    return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  });
}

function kv(rows: Readonly<Record<string, string | number>>): string {
  return `<table class="kv">${Object.entries(rows).map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(String(v))}</td></tr>`).join('')}</table>`;
}

/** The report page as one HTML string. */
export function studyReportHtml(r: StudyReport): string {
  const cvRows = r.settings
    .map((s) => `<tr${s.name === r.best ? ' class="best"' : ''}><td>${esc(s.name)}</td><td>${esc(s.description)}</td>` +
      `<td class="n">${pct(s.mean)}</td><td class="n">± ${(100 * s.std).toFixed(2)}</td>` +
      `<td class="n">${s.folds.map((f) => (100 * f.valAccuracy).toFixed(1)).join(', ')}</td><td class="n">${s.seconds.toFixed(1)} s</td></tr>`)
    .join('\n');
  const lossChart = lineChartSvg({
    title: `Training loss per epoch (mean over ${r.settings[0]?.folds.length ?? 0} folds)`,
    xLabel: 'epoch',
    yLabel: 'loss',
    width: 720,
    height: 360,
    series: r.settings.map((s) => ({ name: s.name, values: meanLoss(s.folds) })),
  });
  const best = r.settings.find((s) => s.name === r.best);
  const folds = (best?.folds ?? [])
    .map((f) => `<figure>${confusionMatrixSvg(f.confusion, { classNames: r.classNames, title: `fold ${f.fold}: ${pct(f.valAccuracy)} of ${f.valSize}` })}` +
      `<figcaption><pre>${esc(f.reportText)}</pre></figcaption></figure>`)
    .join('\n');
  const foldLoss = best === undefined ? '' : lineChartSvg({
    title: `${best.name}: training loss of each fold`,
    xLabel: 'epoch',
    yLabel: 'loss',
    series: best.folds.map((f) => ({ name: `fold ${f.fold}`, values: f.history.map((h) => h.loss) })),
  });
  const testLoss = lineChartSvg({
    title: `${r.test.setting} on all training data: loss and accuracy`,
    xLabel: 'epoch',
    series: [
      { name: 'loss', values: r.test.history.map((h) => h.loss) },
      { name: 'accuracy', values: r.test.history.map((h) => h.accuracy), dashed: true },
    ],
  });
  const probs = r.image.probabilities
    .map((p, c) => `<tr${c === r.image.predicted ? ' class="best"' : ''}><td>${esc(r.classNames[c] ?? String(c))}</td><td class="n">${p.toFixed(4)}</td>` +
      `<td><div class="bar" style="width:${(p * 300).toFixed(1)}px"></div></td></tr>`)
    .join('');
  const timing = Object.fromEntries(Object.entries(r.timing).map(([k, v]) => [k, `${v.toFixed(1)} s`]));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mlp-mnist — MLP study on MNIST</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222;max-width:80rem}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.best td{background:#eef6ee;font-weight:600}
.kv th{font-weight:normal;color:#555}figure{display:inline-block;margin:0 1rem 1rem 0;vertical-align:top}
pre{font-size:12px;margin:.3rem 0}.bar{height:12px;background:#0072b2}svg{max-width:100%;height:auto}
</style></head><body>
<h1>MLP study on MNIST</h1>
${kv(r.info)}
<h2>Cross-validated validation accuracy</h2>
<table><thead><tr><th>setting</th><th>what</th><th>mean</th><th>std</th><th>per fold %</th><th>time</th></tr></thead><tbody>
${cvRows}
</tbody></table>
${lossChart}
<h2>Best setting: ${esc(r.best)} — per fold</h2>
${foldLoss}
<div>${folds}</div>
<h2>Test set: ${esc(r.test.setting)} retrained on all training images</h2>
<p>test accuracy <b>${pct(r.test.accuracy)}</b>, loss ${r.test.loss.toFixed(4)}, training ${r.test.trainSeconds.toFixed(1)} s</p>
${testLoss}
<figure>${confusionMatrixSvg(r.test.confusion, { classNames: r.classNames, title: `test set: ${pct(r.test.accuracy)}` })}<figcaption><pre>${esc(r.test.reportText)}</pre></figcaption></figure>
<h2>Test image #${r.image.index} (true ${esc(r.classNames[r.image.label] ?? String(r.image.label))}, predicted ${esc(r.classNames[r.image.predicted] ?? String(r.image.predicted))})</h2>
<table><thead><tr><th>class</th><th>softmax</th><th></th></tr></thead><tbody>${probs}</tbody></table>
<h2>Timing</h2>
${kv(timing)}
</body></html>
`;
}
