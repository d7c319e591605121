import type { EpochRecord } from '@dlkit/models';
import { figure, html, htmlPage, keyValueTable, lineChart, table } from '@dlkit/report';
import { pct, secs } from '@dlkit-examples/common';
import { bestByMethod, runRows, summaryRows } from './summary';
import type { RunResult } from './transfer-experiment';

const COLORS: Record<string, string> = { 'feature extractor': '#0072b2', 'fine-tune': '#009e73', 'from scratch': '#d55e00' };

/** Everything the transfer report shows. */
export interface TransferReportInput {
  title: string;
  /** Notes on the data (stand-in or real), one paragraph each; flagged when `synthetic`. */
  sources: string[];
  synthetic: boolean;
  info: Record<string, string | number>;
  base: { history: EpochRecord[]; testAccuracy: number; seconds: number };
  runs: RunResult[];
  target: number;
  folder: { source: string; runs: RunResult[]; target: number } | null;
  timing: Record<string, number>;
}

/** Test accuracy against seconds (each method at its best learning rate) and by epoch (every run). */
export function accuracyCharts(runs: readonly RunResult[], title: string) {
  const best = bestByMethod(runs);
  const vsTime = lineChart({
    title: `${title}: test accuracy vs seconds (best lr per method)`,
    xLabel: 'seconds (training + per-epoch test pass)',
    yLabel: 'test accuracy',
    width: 640,
    height: 360,
    legend: 'right',
    xFromZero: true,
    yMin: 0,
    nonFinite: 'gap',
    series: best.map((r) => ({
      name: `${r.method} (lr ${r.learningRate})`,
      color: COLORS[r.method],
      x: r.curve.map((p) => p.seconds),
      y: r.curve.map((p) => p.accuracy),
    })),
  });
  const vsEpoch = lineChart({
    title: `${title}: test accuracy by epoch, every run`,
    xLabel: 'epoch',
    yLabel: 'test accuracy',
    nonFinite: 'gap',
    series: runs.map((r) => ({
      name: `${r.method} ${r.learningRate}`,
      color: COLORS[r.method],
      dashed: r.learningRate !== best.find((b) => b.method === r.method)?.learningRate,
      y: r.curve.map((p) => p.accuracy),
    })),
  });
  return html`<div class="charts">${figure(vsTime)}${figure(vsEpoch)}</div>`;
}

/** The self-contained HTML report of a transfer run (tables and inline SVG curves, no scripts). */
export function transferHtml(input: TransferReportInput): string {
  const base = input.base;
  const runsT = runRows(input.runs, input.target);
  const sumT = summaryRows(input.runs, input.target);
  const baseChart = lineChart({
    title: 'Base net on the source task',
    xLabel: 'epoch',
    yLabel: 'loss / accuracy',
    nonFinite: 'gap',
    series: [
      { name: 'train loss', y: base.history.map((e) => e.loss) },
      { name: 'train accuracy', y: base.history.map((e) => e.accuracy) },
    ],
  });
  const folder = input.folder;
  const sections = [
    {
      title: 'Base net',
      content: html`<p>Test accuracy ${pct(base.testAccuracy, 2)} after ${base.history.length} epochs, ${secs(base.seconds)} s of training (not charged to the transfer runs: the pretrained model is given).</p>
${figure(baseChart)}`,
    },
    {
      title: 'Target task: feature extractor vs fine-tune vs from scratch',
      content: html`<h3>At each method's best learning rate</h3>
${table({ head: sumT.head, rows: sumT.rows })}
<h3>Every run</h3>
${table({ head: runsT.head, rows: runsT.rows })}
<p>Seconds include one pass over the test set per epoch (the same for every method). Fine-tune trains the new head
with the body frozen first, then everything at the lower rate shown after the arrow.</p>
${accuracyCharts(input.runs, 'Target')}`,
    },
    ...(folder === null
      ? []
      : [
          {
            title: 'Image-folder variant',
            content: html`<p>${folder.source}</p>
${table(runRows(folder.runs, folder.target))}
${accuracyCharts(folder.runs, 'Folder')}`,
          },
        ]),
    {
      title: 'Timing (seconds)',
      content: table({ head: ['phase', 'seconds'], rows: Object.entries(input.timing).map(([k, v]) => [k, secs(v)]) }),
    },
  ];
  return htmlPage({
    title: input.title,
    ...(input.synthetic ? { warnings: input.sources } : {}),
    intro: html`${input.synthetic ? null : input.sources.map((s) => html`<p>${s}</p>`)}${keyValueTable(Object.entries(input.info).map(([k, v]) => [k, String(v)] as const))}`,
    sections,
  });
}
