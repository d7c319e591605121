import type { EpochRecord } from '@dlkit/models';
import { figure, html, htmlPage, keyValueTable, lineChart, table } from '@dlkit/report';
import { pct, secs } from '@dlkit-examples/common';
import { accuracyCharts } from './html';
import type { SplitRunResult } from './split-experiment';
import { bestRun, labelSizes, labelsCurveRows, methodsOf, splitRunRows, testAccuracy } from './split-summary';

const COLORS: Record<string, string> = { 'feature extractor': '#0072b2', 'fine-tune': '#009e73', 'from scratch': '#d55e00' };

/** Everything the split-task report shows. */
export interface SplitReportInput {
  title: string;
  /** Notes on the data (real or stand-in) and the split, one paragraph each; warnings when `synthetic`. */
  sources: string[];
  synthetic: boolean;
  info: Record<string, string | number>;
  base: { history: EpochRecord[]; testAccuracy: number; seconds: number; reused: boolean };
  runs: SplitRunResult[];
  timing: Record<string, number>;
}

/**
 * The self-contained HTML report of the CIFAR-10 split task: the labels-per-class curve (table and chart), then
 * per labelled-set size the runs and their accuracy against seconds, the base net, the timing.
 */
export function splitHtml(input: SplitReportInput): string {
  const curve = labelsCurveRows(input.runs);
  const sizes = labelSizes(input.runs);
  const labelsChart = lineChart({
    title: 'Accuracy on every target test image against labels per class (best lr per method)',
    xLabel: 'labelled images per class',
    yLabel: 'test accuracy',
    logX: sizes.length > 1,
    yMin: 0,
    legend: 'right',
    width: 640,
    height: 360,
    nonFinite: 'gap',
    series: methodsOf(input.runs).map((m) => ({
      name: m,
      color: COLORS[m],
      x: sizes,
      y: sizes.map((k) => {
        const r = bestRun(input.runs, k, m);
        return r === null ? Number.NaN : testAccuracy(r);
      }),
    })),
  });
  const base = input.base;
  const baseChart = lineChart({
    title: 'Base net on the base classes',
    xLabel: 'epoch',
    yLabel: 'loss / accuracy',
    nonFinite: 'gap',
    series: [
      { name: 'train loss', y: base.history.map((e) => e.loss) },
      { name: 'train accuracy', y: base.history.map((e) => e.accuracy) },
    ],
  });
  const sections = [
    {
      title: 'Labels per class',
      content: html`${table({ head: curve.head, rows: curve.rows })}
<p>Accuracy on every test image of the target classes after the last epoch, at each method's best learning rate;
seconds of training plus the per-epoch scoring of the curve's test images.</p>
${figure(labelsChart)}`,
    },
    ...sizes.map((k) => {
      const runs = input.runs.filter((r) => r.labelsPerClass === k);
      const t = splitRunRows(runs);
      return {
        title: `${k} labelled images per class (${runs[0]?.trainImages ?? 0} training images)`,
        content: html`${table({ head: t.head, rows: t.rows })}
${accuracyCharts(runs, `${k} per class`)}`,
      };
    }),
    {
      title: 'Base net',
      content: html`<p>Test accuracy on the base classes ${pct(base.testAccuracy, 2)} after ${base.history.length} epochs,
${secs(base.seconds)} s of training${base.reused ? ' (reused from the checkpoint folder)' : ''}; not charged to the
transfer runs: the pretrained model is given.</p>
${figure(baseChart)}`,
    },
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
