import { lineChartSvg, type ChartSeries } from '@dlkit/models';
import { heatmapSvg } from './heatmap-svg';
import type { StudyResult } from './studies';
import type { RunSummary } from './summary';
import { gridAxes } from './tables';
import { escapeHtml } from '@dlkit-examples/common';

const COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#000000', '#f0e442', '#8c564b', '#7f7f7f', '#17becf', '#bcbd22'];
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function variantTable(study: StudyResult): string {
  const rows = study.variants
    .map((v) => {
      const s = v.spec;
      const opt = `${s.optimizer.name}${s.optimizer.learningRate === undefined ? '' : ` η ${s.optimizer.learningRate}`}`;
      return `<tr${v.baseline ? ' class="base"' : ''}><td>${escapeHtml(v.name)}</td><td>${pct(v.testAccuracy)}</td><td>${v.testLoss.toFixed(4)}</td><td>${v.finalTrainLoss.toFixed(4)}</td><td>${pct(v.finalTrainAccuracy)}</td><td>${v.seconds.toFixed(1)}</td><td>${v.cpuSeconds.toFixed(1)}</td><td>${v.imagesPerSecond.toFixed(0)}</td><td>${v.parameters.toLocaleString('en')}</td><td class="l">${escapeHtml(`${opt}, batch ${s.batchSize}${s.l2 > 0 ? `, L2 ${s.l2}` : ''}`)}</td></tr>`;
    })
    .join('');
  return `<table class="grid"><tr><th>variant</th><th>test acc</th><th>test loss</th><th>final train loss</th><th>final train acc</th><th>seconds</th><th>cpu seconds</th><th>img/s</th><th>parameters</th><th>training</th></tr>${rows}</table>`;
}

type Variant = StudyResult['variants'][number];

/** Test-accuracy and training-loss curves of `variants`; the width leaves room for the one-row legend. */
function curvePair(variants: readonly Variant[], suffix = ''): string {
  const series = (pick: (v: Variant) => Array<number | null>): ChartSeries[] =>
    variants.map((v, i) => ({ name: v.name, values: pick(v), color: COLORS[i % COLORS.length] }));
  const width = Math.max(520, 62 + 16 + 130 * variants.length);
  return [
    lineChartSvg({ title: `Test accuracy per epoch${suffix}`, xLabel: 'epoch', yLabel: 'accuracy', width, series: series((v) => v.history.map((r) => r.valAccuracy)) }),
    lineChartSvg({ title: `Training loss per epoch${suffix}`, xLabel: 'epoch', yLabel: 'loss', width, series: series((v) => v.history.map((r) => r.loss)) }),
  ].join('\n');
}

function curves(study: StudyResult): string {
  if (study.id !== 'grid') return curvePair(study.variants);
  // One pair per conv depth keeps each legend to a row.
  return gridAxes(study).conv
    .map((c) => curvePair(study.variants.filter((v) => v.spec.grid?.conv === c), ` (conv ${c})`))
    .join('\n');
}

function gridHeatmap(study: StudyResult): string {
  const { conv, fc } = gridAxes(study);
  const cells = study.variants.flatMap((v) =>
    v.spec.grid
      ? [{ row: conv.indexOf(v.spec.grid.conv), col: fc.indexOf(v.spec.grid.fc), value: v.testAccuracy, lines: [pct(v.testAccuracy), `${v.seconds.toFixed(1)} s · ${v.cpuSeconds.toFixed(1)} cpu s`, `${v.parameters.toLocaleString('en')} params`] }]
      : [],
  );
  return heatmapSvg({
    title: 'Test accuracy (colour) and training time', rowLabels: conv.map(String), colLabels: fc.map(String),
    rowTitle: 'conv', colTitle: 'hidden fully connected layers', cells,
  });
}

/**
 * The HTML report of a run: the data source (with a warning on the stand-in), settings, the seed findings
 * with verdicts, then per study a table, test-accuracy and training-loss curves per variant, and for the depth
 * grid a heatmap of accuracy and time. Self-contained (inline SVG, no scripts).
 *
 * @example
 * ```ts
 * await writeFileAtomicText('reports/cifar-cnn.html', htmlReport(summary));
 * ```
 */
export function htmlReport(run: RunSummary): string {
  const s = run.settings;
  const facts: Array<[string, string]> = [
    ['data', run.source],
    ['train / test images', `${run.trainSamples} / ${run.testSamples}`],
    ['epochs per variant', String(s.epochs)],
    ['augmentation', s.augment ? 'random crop (pad 4) + horizontal flip, redrawn every epoch' : 'none'],
    ['standardisation', `training-set channel mean ${s.channelMean.map((v) => v.toFixed(3)).join(', ')}, std ${s.channelStd.map((v) => v.toFixed(3)).join(', ')}`],
    ['seed', String(s.seed)],
    ['engine', run.engine],
    ['total time', `${(run.timing.total ?? 0).toFixed(0)} s`],
  ];
  const kv = facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td class="l">${escapeHtml(v)}</td></tr>`).join('');
  const findingRows = run.findings
    .map((f) => `<tr class="${f.verdict}"><td class="l">${escapeHtml(f.claim)}</td><td class="l">${escapeHtml(f.measured)}</td><td class="l"><b>${f.verdict}</b></td></tr>`)
    .join('');
  const sections = run.studies
    .map((st) => `<section id="${st.id}"><h2>${escapeHtml(st.title)}</h2><p class="muted">Seed finding: ${escapeHtml(st.question)} Study time ${st.seconds.toFixed(0)} s.</p>
${variantTable(st)}
${st.id === 'grid' ? `<div class="charts">${gridHeatmap(st)}</div>` : ''}
<div class="charts">${curves(st)}</div></section>`)
    .join('\n');
  const banner = run.synthetic
    ? `<p class="warn">These numbers come from the <b>generated CIFAR-10 stand-in</b> (coloured shapes on noisy backgrounds), not CIFAR-10: they are indicative of the trends only. Run with <code>--root DIR</code> on real CIFAR-10 for comparable figures.</p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>CIFAR-10 CNN studies</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
.charts{display:flex;flex-wrap:wrap;gap:12px;margin-top:12px}.charts svg{border:1px solid #ddd}
table{border-collapse:collapse;font-size:13px}th,td{padding:3px 10px;text-align:right;border-bottom:1px solid #eee}th{text-align:left}
td.l,td:first-child{text-align:left}tr.base td{font-weight:600}tr.reproduces td:last-child{color:#1a7f37}tr.contradicts td:last-child{color:#b42318}tr.inconclusive td:last-child{color:#777}
.muted{color:#777;font-size:13px}.warn{background:#fff4e5;border:1px solid #f0b35b;padding:8px 12px}
</style></head>
<body>
<h1>CIFAR-10 CNN studies: CifarNet, the deep net, and the depth grid</h1>
<p class="muted">Generated ${escapeHtml(run.finished)} by examples/cifar-cnn (dlkit).</p>
${banner}
<section id="run"><h2>Run</h2><table>${kv}</table></section>
<section id="findings"><h2>Seed findings</h2><p class="muted">Differences smaller than the 95 % binomial margin of the test set are called inconclusive.</p><table><tr><th>claim</th><th>measured</th><th>verdict</th></tr>${findingRows}</table></section>
${sections}
</body></html>
`;
}
