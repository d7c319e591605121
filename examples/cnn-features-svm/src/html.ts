import { barChart, confusionMatrixChart, figure, html, htmlPage, keyValueTable, lineChart, rawHtml, table } from '@dlkit/report';
import { pct, secs } from '@dlkit-examples/common';
import type { FeaturesSvmResult } from './features-svm';
import { perClassRows } from './summary';

/** Facts about the run shown at the top of the report. */
export interface ReportMeta {
  title: string;
  /** Where the data came from (says "generated stand-in" when it is). */
  source: string;
  synthetic: boolean;
  info: Record<string, string | number>;
  timing: Record<string, number>;
}

/**
 * The HTML report of a features → SVM run: the side-by-side table, an accuracy bar chart, the network's
 * training curves, per-class F1, the confusion matrices of the softmax head and the best SVM, and timings.
 * Self-contained (inline SVG, no scripts).
 */
export function featuresSvmHtml(result: FeaturesSvmResult, meta: ReportMeta): string {
  const methods = result.methods;
  const best = methods.filter((m) => m.classifier !== 'softmax').sort((a, b) => b.accuracy - a.accuracy)[0];
  const soft = methods.find((m) => m.classifier === 'softmax');
  const epochs = result.history;
  // A network loaded with --model was not trained by this run: no curves.
  const curves =
    epochs.length === 0
      ? null
      : lineChart({
          title: 'Network training',
          xLabel: 'epoch',
          yLabel: 'loss / accuracy',
          nonFinite: 'gap',
          series: [
            { name: 'train loss', y: epochs.map((e) => e.loss) },
            { name: 'train accuracy', y: epochs.map((e) => e.accuracy) },
          ],
        });
  const ref = result.reference;
  const bars = barChart({
    title: 'Test accuracy by method',
    format: 'percent',
    bars: [
      ...methods.map((m) => ({
        label: m.method.replace(' (network head)', ''),
        value: m.accuracy,
        color: m.classifier === 'softmax' ? '#d55e00' : '#0072b2',
      })),
      ...(ref ? [{ label: ref.method, value: ref.accuracy, color: '#999999' }] : []),
    ],
  });
  const pc = perClassRows(result);
  const cms = [soft, best]
    .filter((m): m is NonNullable<typeof m> => m !== undefined)
    .map((m) => figure(confusionMatrixChart({ matrix: m.confusion, classNames: [...result.classNames], title: m.method })));
  return htmlPage({
    title: meta.title,
    warnings: meta.synthetic
      ? [
          html`Data: ${meta.source}. The stand-in's numbers are indicative only; point ${rawHtml('<code>--root</code>')} at CIFAR-10 for the real experiment.`,
        ]
      : [],
    intro: html`${meta.synthetic ? null : html`<p>Data: ${meta.source}.</p>`}${keyValueTable(Object.entries(meta.info).map(([k, v]) => [k, String(v)] as const))}`,
    sections: [
      {
        title: 'Softmax head vs SVMs on layer features',
        content: html`${table({
          head: ['method', 'dims', 'test accuracy', 'macro F1', 'train s', 'extract s', 'predict s', 'notes'],
          rows: [
            ...methods.map((m) => [
              m.method,
              String(m.features),
              pct(m.accuracy, 2),
              m.macroF1.toFixed(3),
              m.trainSeconds > 0 ? secs(m.trainSeconds) : '–',
              m.extractSeconds > 0 ? secs(m.extractSeconds) : '–',
              secs(m.predictSeconds),
              m.detail,
            ]),
            ...(ref
              ? [[ref.method, '192', pct(ref.accuracy, 2), '–', '–', '–', '–', 'reference, full CIFAR-10 (not this run)']]
              : []),
          ],
          textColumns: [7],
        })}
<p>Train seconds: the network's own training for the softmax head (– for a network loaded with
${rawHtml('<code>--model</code>')}); scaling + SVM fit for the others (which also need the trained network and the
feature pass, one per set for all layers).</p>
<div class="charts">${figure(bars)}${curves ? figure(curves) : null}</div>`,
      },
      { title: 'Per-class F1', content: table(pc) },
      { title: 'Confusion matrices', content: html`<div class="charts">${cms}</div>` },
      {
        title: 'Timing (seconds)',
        content: table({ head: ['phase', 'seconds'], rows: Object.entries(meta.timing).map(([k, v]) => [k, secs(v)]) }),
      },
      { title: 'Classification reports', content: methods.map((m) => html`<h3>${m.method}</h3><pre>${m.reportText}</pre>\n`) },
    ],
  });
}
