import {
  confusionMatrixChart,
  errorBarChart,
  figure,
  html,
  htmlPage,
  keyValueTable,
  lineChart,
  pointChart,
  table,
} from '@dlkit/report';
import type { FullRunResult } from './full-run';
import { describeSetting, levelLabel, settingId, type Factor } from './settings';
import { meanStd } from './stats';
import type { SettingResult, SweepResult } from './sweep';

/** Facts about the run shown in the report and stored in the JSON. */
export interface RunInfo {
  /** e.g. `MNIST (bundled sample)`. */
  dataset: string;
  /** e.g. `wasm (2 threads)`. */
  engine: string;
  /** Anything else worth a row: options, sizes, notes. */
  [key: string]: string | number | boolean;
}

/** One row of the sweep table, with the numbers of its setting. */
export interface TableRow {
  factor: Factor;
  level: string;
  isBaseline: boolean;
  settingId: string;
  description: string;
  accuracyMean: number;
  accuracyStd: number;
  trainSecondsMean: number;
  trainSecondsStd: number;
  /**
   * Paired difference to the baseline, seed by seed (same training images and seed): mean and std of
   * `accuracy − baseline accuracy`; null when the baseline was not trained.
   */
  deltaMean: number | null;
  deltaStd: number | null;
  parameters: number;
}

const pct = (v: number, digits = 2) => (v * 100).toFixed(digits);

function byId(sweep: SweepResult): Map<string, SettingResult> {
  return new Map(sweep.settings.map((s) => [s.id, s]));
}

/**
 * The sweep table: one row per (factor, level), with the accuracy and training time of its setting.
 *
 * @example
 * ```ts
 * tableRows(sweep).map((r) => `${r.factor} ${r.level}: ${r.accuracyMean}`);
 * ```
 */
export function tableRows(sweep: SweepResult): TableRow[] {
  const settings = byId(sweep);
  const base = settings.get(settingId(sweep.baseline));
  return sweep.rows.map((r) => {
    const s = settings.get(r.settingId) as SettingResult;
    const delta = base === undefined ? null : meanStd(s.runs.map((run, i) => run.accuracy - base.runs[i].accuracy));
    return {
      factor: r.factor,
      level: r.level,
      isBaseline: r.isBaseline,
      settingId: r.settingId,
      description: s.description,
      accuracyMean: s.accuracy.mean,
      accuracyStd: s.accuracy.std,
      trainSecondsMean: s.trainSeconds.mean,
      trainSecondsStd: s.trainSeconds.std,
      deltaMean: delta?.mean ?? null,
      deltaStd: delta?.std ?? null,
      parameters: s.parameters,
    };
  });
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function padLeft(s: string, n: number): string {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

function deltaText(r: TableRow): string {
  if (r.isBaseline || r.deltaMean === null || r.deltaStd === null) return '–';
  return `${r.deltaMean >= 0 ? '+' : '−'}${pct(Math.abs(r.deltaMean))} ± ${pct(r.deltaStd)}`;
}

/**
 * The sweep as a plain-text table for stdout: factor, level (the baseline's marked `*`), accuracy mean ± std
 * over the seeds, the paired difference to the baseline (percentage points), training time mean ± std, and
 * parameters; then the best setting.
 *
 * @example
 * ```ts
 * console.log(sweepTableText(sweep));
 * ```
 */
export function sweepTableText(sweep: SweepResult): string {
  const rows = tableRows(sweep);
  const head = `${pad('factor', 11)} ${pad('level', 11)} ${padLeft('accuracy (%)', 16)} ${padLeft('Δ vs base (pts)', 16)} ${padLeft('train time (s)', 16)} ${padLeft('params', 9)}`;
  const lines = [head, '-'.repeat(head.length)];
  let prev = '';
  for (const r of rows) {
    lines.push(
      `${pad(r.factor === prev ? '' : r.factor, 11)} ${pad(r.level + (r.isBaseline ? ' *' : ''), 11)} ` +
        `${padLeft(`${pct(r.accuracyMean)} ± ${pct(r.accuracyStd)}`, 16)} ${padLeft(deltaText(r), 16)} ` +
        `${padLeft(`${r.trainSecondsMean.toFixed(1)} ± ${r.trainSecondsStd.toFixed(1)}`, 16)} ${padLeft(String(r.parameters), 9)}`,
    );
    prev = r.factor;
  }
  const best = byId(sweep).get(sweep.best) as SettingResult;
  lines.push(
    '',
    `* baseline: ${describeSetting(sweep.baseline)}`,
    `mean ± std over ${sweep.seeds.length} seed${sweep.seeds.length === 1 ? '' : 's'} (${sweep.seeds.join(', ')}); ${sweep.samples} training images, ${sweep.epochs} epochs, evaluated on ${sweep.evalSize} test images`,
    "Δ vs base: accuracy minus the baseline's with the same seed and training images (paired), mean ± std",
    `best: ${best.description} — ${pct(best.accuracy.mean)} ± ${pct(best.accuracy.std)} %`,
  );
  return lines.join('\n');
}

/** The accuracy-per-setting chart (mean ± std, grouped by factor, baseline filled). */
export function accuracyChart(sweep: SweepResult): string {
  return errorBarChart({
    points: tableRows(sweep).map((r) => ({
      group: r.factor,
      label: r.level,
      mean: r.accuracyMean * 100,
      spread: r.accuracyStd * 100,
      highlight: r.isBaseline,
    })),
    title: `Test accuracy after ${sweep.epochs} epochs on ${sweep.samples} images (mean ± std, ${sweep.seeds.length} seeds)`,
    yLabel: 'accuracy (%)',
  });
}

/** Short label of a setting relative to the baseline, e.g. `max pooling` or `baseline`. */
function deltaLabel(sweep: SweepResult, s: SettingResult): string {
  const diffs = (['pooling', 'nstates', 'activation', 'dropout'] as const).filter(
    (f) => levelLabel(f, s.setting) !== levelLabel(f, sweep.baseline),
  );
  if (diffs.length === 0) return 'baseline';
  return diffs
    .map((f) =>
      f === 'dropout'
        ? `dropout ${levelLabel(f, s.setting)}`
        : f === 'pooling'
          ? `${levelLabel(f, s.setting)} pool`
          : levelLabel(f, s.setting),
    )
    .join(', ');
}

/** The accuracy-vs-training-time chart, one point per distinct setting (± std of the accuracy; best in orange). */
export function accuracyVsTimeChart(sweep: SweepResult): string {
  return pointChart({
    points: sweep.settings.map((s) => ({
      label: deltaLabel(sweep, s),
      x: s.trainSeconds.mean,
      y: s.accuracy.mean * 100,
      yErr: s.accuracy.std * 100,
      highlight: s.id === sweep.best,
    })),
    title: 'Accuracy vs training time per run',
    xLabel: 'training time per run (s)',
    yLabel: 'accuracy (%)',
  });
}

function fullSection(full: FullRunResult) {
  const h = full.history;
  const ev = full.evaluation;
  const curves =
    h.length > 1
      ? [
          lineChart({
            title: 'Training loss',
            xLabel: 'epoch',
            yLabel: 'loss',
            nonFinite: 'gap',
            series: [{ name: 'train', y: h.map((r) => r.loss) }],
          }),
          lineChart({
            title: 'Training accuracy',
            xLabel: 'epoch',
            yLabel: 'accuracy',
            nonFinite: 'gap',
            series: [{ name: 'train', y: h.map((r) => r.accuracy) }],
          }),
        ]
      : [];
  const cm = confusionMatrixChart({
    matrix: ev.confusionMatrix.data,
    size: ev.confusionMatrix.size,
    classNames: ev.classNames,
    title: 'Confusion matrix (test)',
  });
  const facts: Array<[string, string]> = [
    ['setting', full.description],
    ['parameters', String(full.parameters)],
    ['training images', String(full.trainSamples)],
    ['test images', String(full.testSamples)],
    ['epochs', String(full.epochs)],
    ['test accuracy', `${pct(ev.accuracy)} %`],
    ['top-2 accuracy', ev.topK[2] === undefined ? '–' : `${pct(ev.topK[2])} %`],
    ['test loss', ev.loss.toFixed(4)],
    ['training time', `${full.trainSeconds.toFixed(1)} s`],
  ];
  return {
    id: 'full',
    title: 'Best setting on the full training set',
    content: html`${keyValueTable(facts)}
<div class="charts">${[...curves, cm].map((svg) => figure(svg))}</div>
<h3>Classification report</h3><pre>${ev.report.text}</pre>`,
  };
}

/**
 * The HTML report: summary, the sweep table, the accuracy-per-setting chart with error bars, accuracy vs
 * training time, every run, and the best setting's full-data run (curves, confusion matrix, classification
 * report). Self-contained: opens offline.
 *
 * @example
 * ```ts
 * await writeFileAtomicText('reports/sweep.html', sweepReportHtml(sweep, full, { dataset: 'MNIST', engine: 'wasm' }));
 * ```
 */
export function sweepReportHtml(
  sweep: SweepResult,
  full: FullRunResult | null,
  info: RunInfo,
  timing: Readonly<Record<string, number>> = {},
  date = new Date(),
): string {
  const rows = tableRows(sweep);
  const sweepTable = table({
    head: ['factor', 'level', 'accuracy (%)', 'Δ vs baseline (pts, paired)', 'train time (s)', 'parameters', 'setting'],
    rows: rows.map((r, i) => [
      i > 0 && rows[i - 1].factor === r.factor ? '' : r.factor,
      `${r.level}${r.isBaseline ? ' *' : ''}`,
      `${pct(r.accuracyMean)} ± ${pct(r.accuracyStd)}`,
      deltaText(r),
      `${r.trainSecondsMean.toFixed(1)} ± ${r.trainSecondsStd.toFixed(1)}`,
      String(r.parameters),
      r.description,
    ]),
    textColumns: [1, 6],
    rowClass: (i) => (rows[i].settingId === sweep.best ? 'best' : undefined),
  });
  const runRows = sweep.settings.flatMap((s) => s.runs.map((r) => ({ s, r })));
  const runs = table({
    head: ['setting', 'seed', 'accuracy (%)', 'loss', 'train acc (%)', 'train (s)', 'eval (s)'],
    rows: runRows.map(({ s, r }) => [
      s.description,
      String(r.seed),
      pct(r.accuracy),
      r.loss.toFixed(4),
      pct(r.trainAccuracy),
      r.trainSeconds.toFixed(1),
      r.evalSeconds.toFixed(1),
    ]),
  });
  const best = sweep.settings.find((s) => s.id === sweep.best) as SettingResult;
  const summary: Array<[string, string]> = [
    ...Object.entries(info).map(([k, v]) => [k, String(v)] as [string, string]),
    [
      'protocol',
      `${sweep.samples} training images (stratified, one draw per seed), ${sweep.epochs} epochs, Adam η = ${sweep.learningRate}, batch ${sweep.batchSize}`,
    ],
    ['evaluated on', `${sweep.evalSize} fixed test images`],
    ['seeds', sweep.seeds.join(', ')],
    ['baseline', describeSetting(sweep.baseline)],
    ['best in the sweep', `${best.description}: ${pct(best.accuracy.mean)} ± ${pct(best.accuracy.std)} %`],
    ...(full
      ? [['best on full data', `${pct(full.evaluation.accuracy)} % on ${full.testSamples} test images`] as [string, string]]
      : []),
    ...Object.entries(timing).map(([k, v]) => [`time: ${k}`, `${v.toFixed(1)} s`] as [string, string]),
  ];
  return htmlPage({
    title: `Torch-tutorial ConvNet sweep on ${info.dataset}`,
    subtitle: `Generated ${date.toISOString()} by examples/convnet-sweep. One factor varied at a time around the baseline (*); the best setting is shaded.`,
    sections: [
      { id: 'summary', title: 'Summary', content: keyValueTable(summary) },
      { id: 'sweep', title: 'Sweep', content: sweepTable },
      {
        id: 'plots',
        title: 'Plots',
        content: html`<div class="charts">${figure(accuracyChart(sweep))}${figure(accuracyVsTimeChart(sweep))}</div>`,
      },
      ...(full ? [fullSection(full)] : []),
      { id: 'runs', title: 'Every run', content: runs },
    ],
  });
}

/**
 * Everything as plain JSON: options, the table, every setting with every run, the best setting's full-data
 * evaluation (report dict, confusion matrix, per-class accuracy, history) and the timings.
 *
 * @example
 * ```ts
 * await writeJson('sweep.json', sweepJson(sweep, full, info, timing));
 * ```
 */
export function sweepJson(
  sweep: SweepResult,
  full: FullRunResult | null,
  info: RunInfo,
  timing: Readonly<Record<string, number>> = {},
): Record<string, unknown> {
  const ev = full?.evaluation;
  return {
    example: 'convnet-sweep',
    info,
    protocol: {
      samples: sweep.samples,
      epochs: sweep.epochs,
      seeds: sweep.seeds,
      batchSize: sweep.batchSize,
      learningRate: sweep.learningRate,
      optimizer: 'adam',
      evalSize: sweep.evalSize,
      factors: sweep.factors,
      baseline: sweep.baseline,
    },
    table: tableRows(sweep),
    settings: sweep.settings,
    best: sweep.best,
    full:
      full && ev
        ? {
            settingId: full.settingId,
            setting: full.setting,
            description: full.description,
            parameters: full.parameters,
            trainSamples: full.trainSamples,
            testSamples: full.testSamples,
            epochs: full.epochs,
            seed: full.seed,
            accuracy: ev.accuracy,
            loss: ev.loss,
            topK: ev.topK,
            report: ev.report.toDict(),
            confusionMatrix: ev.confusionMatrix.toArray(),
            perClassAccuracy: Object.fromEntries(
              ev.perClass.labels.map((l, i) => [ev.classNames[l] ?? String(l), ev.perClass.accuracy[i]]),
            ),
            history: full.history,
            trainSeconds: full.trainSeconds,
            evalSeconds: full.evalSeconds,
          }
        : null,
    timing: { ...timing, sweep: sweep.seconds },
  };
}
