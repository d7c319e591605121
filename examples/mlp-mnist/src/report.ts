/**
 * The HTML report of the study: the cross-validation table, the mean training-loss curve of every setting, the
 * best setting's per-fold confusion matrices and classification reports, and the test-set run (loss curve,
 * confusion matrix, report, one image's softmax probabilities). Self-contained: inline SVG, no scripts.
 */
import type { ConfusionMatrix } from '@dlkit/metrics';
import type { EpochRecord } from '@dlkit/models';
import { confusionMatrixChart, figure, html, htmlPage, keyValueTable, lineChart, table } from '@dlkit/report';

/** One cross-validated setting, as the report needs it. */
export interface ReportSetting {
  name: string;
  description: string;
  mean: number;
  std: number;
  seconds: number;
  folds: readonly {
    fold: number;
    valSize: number;
    valAccuracy: number;
    history: readonly EpochRecord[];
    confusion: ConfusionMatrix;
    reportText: string;
  }[];
}

/** Everything the page shows. */
export interface StudyReport {
  info: Readonly<Record<string, string | number>>;
  classNames: readonly string[];
  settings: readonly ReportSetting[];
  best: string;
  test: {
    setting: string;
    accuracy: number;
    loss: number;
    history: readonly EpochRecord[];
    confusion: ConfusionMatrix;
    reportText: string;
    trainSeconds: number;
  };
  image: { index: number; label: number; predicted: number; probabilities: readonly number[] };
  timing: Readonly<Record<string, number>>;
}

const pct = (v: number): string => `${(100 * v).toFixed(2)} %`;

/** Per-epoch mean of the folds' training loss (folds may stop at different epochs: mean over those present). */
function meanLoss(folds: ReportSetting['folds']): number[] {
  const epochs = Math.max(0, ...folds.map((f) => f.history.length));
  return Array.from({ length: epochs }, (_, e) => {
    const values = folds.map((f) => f.history[e]?.loss).filter((v): v is number => v !== undefined && Number.isFinite(v));
    return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  });
}

function cmChart(cm: ConfusionMatrix, classNames: readonly string[], title: string): string {
  return confusionMatrixChart({ matrix: cm.data, size: cm.size, classNames, title });
}

/** The report page as one HTML string. */
export function studyReportHtml(r: StudyReport): string {
  const cv = table({
    head: ['setting', 'what', 'mean', 'std', 'per fold %', 'time'],
    rows: r.settings.map((s) => [
      s.name,
      s.description,
      pct(s.mean),
      `± ${(100 * s.std).toFixed(2)}`,
      s.folds.map((f) => (100 * f.valAccuracy).toFixed(1)).join(', '),
      `${s.seconds.toFixed(1)} s`,
    ]),
    rowClass: (i) => (r.settings[i].name === r.best ? 'best' : undefined),
    textColumns: [1],
  });
  const lossChart = r.settings.some((s) => s.folds.some((f) => f.history.length > 0))
    ? figure(
        lineChart({
          title: `Training loss per epoch (mean over ${r.settings[0]?.folds.length ?? 0} folds)`,
          xLabel: 'epoch',
          yLabel: 'loss',
          width: 720,
          height: 360,
          nonFinite: 'gap',
          series: r.settings.map((s) => ({ name: s.name, y: meanLoss(s.folds) })),
        }),
      )
    : null;
  const best = r.settings.find((s) => s.name === r.best);
  const folds = (best?.folds ?? []).map((f) =>
    figure(
      cmChart(f.confusion, r.classNames, `fold ${f.fold}: ${pct(f.valAccuracy)} of ${f.valSize}`),
      html`<pre>${f.reportText}</pre>`,
    ),
  );
  const foldLoss =
    best === undefined || best.folds.every((f) => f.history.length === 0)
      ? null
      : figure(
          lineChart({
            title: `${best.name}: training loss of each fold`,
            xLabel: 'epoch',
            yLabel: 'loss',
            nonFinite: 'gap',
            series: best.folds.map((f) => ({ name: `fold ${f.fold}`, y: f.history.map((h) => h.loss) })),
          }),
        );
  const testLoss =
    r.test.history.length === 0
      ? null
      : figure(
          lineChart({
            title: `${r.test.setting} on all training data: loss and accuracy`,
            xLabel: 'epoch',
            nonFinite: 'gap',
            series: [
              { name: 'loss', y: r.test.history.map((h) => h.loss) },
              { name: 'accuracy', y: r.test.history.map((h) => h.accuracy), dashed: true },
            ],
          }),
        );
  const probs = table({
    head: ['class', 'softmax', ''],
    rows: r.image.probabilities.map((p, c) => [
      r.classNames[c] ?? String(c),
      p.toFixed(4),
      html`<div class="bar" style="width:${(p * 300).toFixed(1)}px"></div>`,
    ]),
    rowClass: (c) => (c === r.image.predicted ? 'best' : undefined),
    textColumns: [2],
  });
  const timing = Object.entries(r.timing).map(([k, v]) => [k, `${v.toFixed(1)} s`] as const);
  return htmlPage({
    title: 'MLP study on MNIST',
    intro: keyValueTable(Object.entries(r.info).map(([k, v]) => [k, String(v)] as const)),
    sections: [
      {
        title: 'Cross-validated validation accuracy',
        content: html`${cv}
${lossChart}`,
      },
      {
        title: `Best setting: ${r.best} — per fold`,
        content: html`${foldLoss}
<div class="charts">${folds}</div>`,
      },
      {
        title: `Test set: ${r.test.setting} retrained on all training images`,
        content: html`<p>test accuracy <b>${pct(r.test.accuracy)}</b>, loss ${r.test.loss.toFixed(4)}, training ${r.test.trainSeconds.toFixed(1)} s</p>
<div class="charts">${testLoss}${figure(cmChart(r.test.confusion, r.classNames, `test set: ${pct(r.test.accuracy)}`), html`<pre>${r.test.reportText}</pre>`)}</div>`,
      },
      {
        title: `Test image #${r.image.index} (true ${r.classNames[r.image.label] ?? String(r.image.label)}, predicted ${r.classNames[r.image.predicted] ?? String(r.image.predicted)})`,
        content: probs,
      },
      { title: 'Timing', content: keyValueTable(timing) },
    ],
  });
}
