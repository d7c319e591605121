import {
  figure,
  heatmap,
  html,
  htmlPage,
  keyValueTable,
  lineChart,
  rawHtml,
  seriesColor,
  table,
  type LineSeries,
} from '@dlkit/report';
import type { StudyResult } from './studies';
import type { RunSummary } from './summary';
import { gridAxes } from './tables';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function variantTable(study: StudyResult) {
  return table({
    head: [
      'variant',
      'test acc',
      'test loss',
      'final train loss',
      'final train acc (running)',
      'train acc (evaluated)',
      'seconds',
      'cpu seconds',
      'img/s',
      'parameters',
      'training',
    ],
    rows: study.variants.map((v) => {
      const s = v.spec;
      const opt = `${s.optimizer.name}${s.optimizer.learningRate === undefined ? '' : ` η ${s.optimizer.learningRate}`}`;
      return [
        v.name,
        pct(v.testAccuracy),
        v.testLoss.toFixed(4),
        v.finalTrainLoss.toFixed(4),
        pct(v.finalTrainAccuracy),
        v.trainEvalAccuracy === undefined ? '–' : pct(v.trainEvalAccuracy),
        v.seconds.toFixed(1),
        v.cpuSeconds.toFixed(1),
        v.imagesPerSecond.toFixed(0),
        v.parameters.toLocaleString('en'),
        `${opt}, batch ${s.batchSize}${s.l2 > 0 ? `, L2 ${s.l2}` : ''}`,
      ];
    }),
    rowClass: (i) => (study.variants[i].baseline ? 'base' : undefined),
    textColumns: [9],
  });
}

type Variant = StudyResult['variants'][number];

/** Test-accuracy and training-loss curves of `variants`, one colour per variant (the legend wraps under the title). */
function curvePair(variants: readonly Variant[], suffix = ''): string[] {
  const series = (pick: (v: Variant) => Array<number | null>): LineSeries[] =>
    variants.map((v, i) => ({ name: v.name, y: pick(v), color: seriesColor(i) }));
  return [
    lineChart({
      title: `Test accuracy per epoch${suffix}`,
      xLabel: 'epoch',
      yLabel: 'accuracy',
      nonFinite: 'gap',
      series: series((v) => v.history.map((r) => r.valAccuracy)),
    }),
    lineChart({
      title: `Training loss per epoch${suffix}`,
      xLabel: 'epoch',
      yLabel: 'loss',
      nonFinite: 'gap',
      series: series((v) => v.history.map((r) => r.loss)),
    }),
  ];
}

function curves(study: StudyResult): string[] {
  if (study.id !== 'grid') return curvePair(study.variants);
  // One pair per conv depth keeps each legend short.
  return gridAxes(study).conv.flatMap((c) =>
    curvePair(
      study.variants.filter((v) => v.spec.grid?.conv === c),
      ` (conv ${c})`,
    ),
  );
}

function gridHeatmap(study: StudyResult): string {
  const { conv, fc } = gridAxes(study);
  const values: Array<number | null> = new Array(conv.length * fc.length).fill(null);
  const cellText: string[][] = values.map(() => []);
  for (const v of study.variants) {
    if (!v.spec.grid) continue;
    const k = conv.indexOf(v.spec.grid.conv) * fc.length + fc.indexOf(v.spec.grid.fc);
    values[k] = v.testAccuracy;
    cellText[k] = [
      pct(v.testAccuracy),
      `${v.seconds.toFixed(1)} s · ${v.cpuSeconds.toFixed(1)} cpu s`,
      `${v.parameters.toLocaleString('en')} params`,
    ];
  }
  return heatmap({
    title: 'Test accuracy (colour) and training time',
    rows: conv.length,
    cols: fc.length,
    values,
    cellText,
    rowLabels: conv.map(String),
    colLabels: fc.map(String),
    rowTitle: 'conv',
    colTitle: 'hidden fully connected layers',
    colormap: 'blues',
    format: 'percent',
  });
}

/**
 * The TF-tutorial baseline against PyTorch's run of the same recipe on the same files (`--pytorch FILE`): test
 * accuracy against wall seconds since training started, and per epoch. Null without both.
 */
function pytorchSection(run: RunSummary) {
  const pytorch = run.references?.pytorch;
  const base = run.studies.find((st) => st.id === 'tf')?.variants.find((v) => v.baseline);
  if (!pytorch || !base) return null;
  let t = 0;
  const dlkitSeconds = base.history.map((h) => (t += h.seconds));
  const chart = lineChart({
    title: 'Test accuracy against wall time: dlkit and PyTorch, same recipe, same files',
    xLabel: 'seconds since training started',
    yLabel: 'test accuracy',
    nonFinite: 'gap',
    series: [
      { name: `dlkit (${run.engine})`, x: dlkitSeconds, y: base.history.map((h) => h.valAccuracy ?? null) },
      {
        name: `${pytorch.framework} (${pytorch.threads} threads)`,
        x: pytorch.history.map((h) => h.seconds),
        y: pytorch.history.map((h) => h.testAccuracy),
        dashed: true,
      },
    ],
  });
  const epochs = Math.max(base.history.length, pytorch.history.length);
  const cell = (acc: number | null | undefined, sec: number | undefined) =>
    acc === null || acc === undefined || sec === undefined ? '' : `${pct(acc)} @ ${sec.toFixed(0)} s`;
  const perEpoch = table({
    head: ['epoch', 'dlkit', 'PyTorch'],
    rows: Array.from({ length: epochs }, (_, i) => [
      String(i + 1),
      cell(base.history[i]?.valAccuracy, dlkitSeconds[i]),
      cell(pytorch.history[i]?.testAccuracy, pytorch.history[i]?.seconds),
    ]),
  });
  return {
    id: 'pytorch',
    title: 'dlkit against PyTorch (TF-tutorial net baseline)',
    content: html`<p class="muted">Both on the same image files and recipe; PyTorch from pytorch/cifar_tf_net.py. ${run.references?.seeds ?? ''}.</p>
<div class="charts">${figure(chart)}</div>
${perEpoch}`,
  };
}

const VERDICT_CSS =
  'tr.reproduces td:last-child{color:#1a7f37}tr.contradicts td:last-child{color:#b42318}tr.inconclusive td:last-child{color:#777}';

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
    [
      'standardisation',
      `training-set channel mean ${s.channelMean.map((v) => v.toFixed(3)).join(', ')}, std ${s.channelStd.map((v) => v.toFixed(3)).join(', ')}`,
    ],
    ['seed', String(s.seed)],
    ['engine', run.engine],
    ['total time', `${(run.timing.total ?? 0).toFixed(0)} s`],
  ];
  const findings = table({
    head: ['claim', 'measured', 'verdict'],
    rows: run.findings.map((f) => [f.claim, f.measured, html`<b>${f.verdict}</b>`]),
    numeric: false,
    rowClass: (i) => run.findings[i].verdict,
  });
  const comparison = pytorchSection(run);
  return htmlPage({
    title: 'CIFAR-10 CNN studies: CifarNet, the deep net, and the depth grid',
    subtitle: `Generated ${run.finished} by examples/cifar-cnn (dlkit).`,
    warnings: run.synthetic
      ? [
          rawHtml(
            'These numbers come from the <b>generated CIFAR-10 stand-in</b> (coloured shapes on noisy backgrounds), not CIFAR-10: they are indicative of the trends only. Run with <code>--root DIR</code> on real CIFAR-10 for comparable figures.',
          ),
        ]
      : [],
    css: VERDICT_CSS,
    sections: [
      { id: 'run', title: 'Run', content: keyValueTable(facts) },
      {
        id: 'findings',
        title: 'Seed findings',
        content: html`<p class="muted">Differences smaller than the 95 % binomial margin of the test set are called inconclusive.</p>${findings}`,
      },
      ...(comparison ? [comparison] : []),
      ...run.studies.map((st) => ({
        id: st.id,
        title: st.title,
        content: html`<p class="muted">Seed finding: ${st.question} Study time ${st.seconds.toFixed(0)} s.</p>
${variantTable(st)}
${st.id === 'grid' ? html`<div class="charts">${figure(gridHeatmap(st))}</div>` : null}
<div class="charts">${curves(st).map((svg) => figure(svg))}</div>`,
      })),
    ],
  });
}
