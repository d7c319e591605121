import { barChart } from './bar-chart';
import { confusionMatrixChart } from './confusion-matrix';
import { check } from './errors';
import { figure, html, htmlPage, keyValueTable, table, type ReportSection } from './html';
import { lineChart } from './line-chart';

/** One epoch of training, as `@dlkit/models`' `EpochRecord` has it (any object with these fields will do). */
export interface EpochRow {
  epoch: number;
  loss: number;
  accuracy: number;
  /** `null` without validation data. */
  valLoss: number | null;
  valAccuracy: number | null;
  learningRate: number;
  seconds: number;
  samplesPerSecond: number;
}

/** A test-set evaluation, as `@dlkit/models`' `Evaluation` has it (only these fields are read). */
export interface EvaluationSummary {
  accuracy: number;
  loss: number;
  /** Top-k accuracy by k; k = 1 is not repeated. */
  topK?: Readonly<Record<number, number>>;
  classNames: readonly string[];
  /** Raw counts, `size × size` row-major (true rows, predicted columns). */
  confusionMatrix: { readonly data: ArrayLike<number>; readonly size: number };
  /** The classification report as scikit-learn prints it. */
  report: { readonly text: string };
  perClass?: {
    readonly labels: readonly number[];
    readonly accuracy: ArrayLike<number>;
    readonly correct: ArrayLike<number>;
    readonly total: ArrayLike<number>;
  };
}

/** What goes into a {@link trainingReport}. */
export interface TrainingReportInput {
  /** Page title, e.g. `'MNIST ConvNet'`. */
  title: string;
  /** One row per epoch. */
  history: readonly EpochRow[];
  /** The test-set evaluation: confusion matrix, classification report, per-class accuracy. */
  evaluation?: EvaluationSummary;
  /** Wall times in seconds by phase, e.g. `{ 'load data': 0.8, train: 140 }`. */
  timing?: Readonly<Record<string, number>>;
  /** Run facts shown as a table: engine, model, optimiser, … */
  info?: Readonly<Record<string, string | number | boolean>>;
  /** Generation time stamp. Default now. */
  date?: Date;
  /** Who wrote the page, shown under the title. Default `'@dlkit/report'`. */
  generator?: string;
}

function fmt(v: number | null, digits = 4): string {
  return v === null || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

/**
 * The HTML report of a training run: summary, run facts, loss / accuracy / learning-rate curves (train and
 * validation), the confusion-matrix heatmap, the classification report, per-class accuracy, timing bars and
 * the per-epoch table. Self-contained (inline SVG, no scripts). Takes `@dlkit/models`' `train` history and
 * `evaluate` result as they are.
 *
 * @example
 * ```ts
 * const result = await train(model, data, { epochs: 10 });
 * writeFileSync('report.html', trainingReport({ title: 'MNIST ConvNet', history: result.history, evaluation: evaluate(model, test) }));
 * ```
 * @throws {ReportError} `BAD_ARGUMENT` when `history` is not an array, and whatever the charts throw for bad numbers.
 */
export function trainingReport(input: TrainingReportInput): string {
  check(
    typeof input === 'object' && input !== null && Array.isArray(input.history),
    'input.history',
    input?.history,
    'an array of epoch records',
  );
  const h = input.history;
  const hasVal = h.some((r) => r.valLoss !== null);
  const curves: string[] = [];
  if (h.length > 0) {
    curves.push(
      lineChart({
        title: 'Loss',
        xLabel: 'epoch',
        yLabel: 'loss',
        nonFinite: 'gap',
        series: [
          { name: 'train', y: h.map((r) => r.loss) },
          ...(hasVal ? [{ name: 'validation', y: h.map((r) => r.valLoss), dashed: true }] : []),
        ],
      }),
    );
    curves.push(
      lineChart({
        title: 'Accuracy',
        xLabel: 'epoch',
        yLabel: 'accuracy',
        nonFinite: 'gap',
        series: [
          { name: 'train', y: h.map((r) => r.accuracy) },
          ...(hasVal ? [{ name: 'validation', y: h.map((r) => r.valAccuracy), dashed: true }] : []),
        ],
      }),
    );
    curves.push(
      lineChart({
        title: 'Learning rate',
        xLabel: 'epoch',
        yLabel: 'learning rate',
        logY: h.every((r) => r.learningRate > 0),
        nonFinite: 'gap',
        series: [{ name: 'learning rate', y: h.map((r) => r.learningRate), color: '#009e73' }],
      }),
    );
  }
  const ev = input.evaluation;
  const last = h[h.length - 1];
  const summary: Array<[string, string]> = [];
  if (ev) {
    summary.push(['test accuracy', pct(ev.accuracy)], ['test loss', fmt(ev.loss)]);
    for (const [k, v] of Object.entries(ev.topK ?? {})) if (k !== '1') summary.push([`top-${k} accuracy`, pct(v)]);
  }
  if (last) {
    summary.push(
      ['epochs', String(h.length)],
      ['final train loss', fmt(last.loss)],
      ['final validation accuracy', last.valAccuracy === null ? '–' : pct(last.valAccuracy)],
    );
    summary.push(['training time', `${h.reduce((s, r) => s + r.seconds, 0).toFixed(1)} s`]);
  }
  const timing = Object.entries(input.timing ?? {});
  const sections: ReportSection[] = [{ id: 'summary', title: 'Summary', content: keyValueTable(summary) }];
  const info = Object.entries(input.info ?? {}).map(([k, v]) => [k, String(v)] as const);
  if (info.length) sections.push({ id: 'run', title: 'Run', content: keyValueTable(info) });
  if (curves.length)
    sections.push({
      id: 'curves',
      title: 'Training curves',
      content: html`<div class="charts">${curves.map((c) => figure(c))}</div>`,
    });
  if (ev) {
    const cm = confusionMatrixChart({
      matrix: ev.confusionMatrix.data,
      size: ev.confusionMatrix.size,
      classNames: ev.classNames,
      title: 'Confusion matrix (test)',
    });
    sections.push({ id: 'confusion', title: 'Confusion matrix', content: html`<div class="charts">${figure(cm)}</div>` });
    const pc = ev.perClass;
    sections.push({
      id: 'report',
      title: 'Classification report',
      content: html`<pre>${ev.report.text}</pre>${
        pc
          ? html`<h3>Per-class accuracy</h3>${table({
              head: ['class', 'accuracy', 'correct', 'total'],
              rows: pc.labels.map((l, i) => [
                ev.classNames[l] ?? String(l),
                fmt(pc.accuracy[i]),
                String(pc.correct[i]),
                String(pc.total[i]),
              ]),
            })}`
          : null
      }`,
    });
  }
  if (timing.length) {
    sections.push({
      id: 'timing',
      title: 'Timing',
      content: html`<div class="charts">${figure(barChart({ title: 'Timing', format: 'seconds', bars: timing.map(([label, value]) => ({ label, value })) }))}</div>`,
    });
  }
  sections.push({
    id: 'epochs',
    title: 'Epochs',
    content: table({
      head: ['epoch', 'loss', 'accuracy', 'val loss', 'val accuracy', 'learning rate', 'seconds', 'samples/s'],
      rows: h.map((r) => [
        String(r.epoch),
        fmt(r.loss),
        fmt(r.accuracy),
        fmt(r.valLoss),
        fmt(r.valAccuracy),
        r.learningRate.toPrecision(3),
        r.seconds.toFixed(2),
        String(Math.round(r.samplesPerSecond)),
      ]),
    }),
  });
  return htmlPage({
    title: input.title,
    subtitle: `Generated ${(input.date ?? new Date()).toISOString()} by ${input.generator ?? '@dlkit/report'}.`,
    sections,
  });
}
