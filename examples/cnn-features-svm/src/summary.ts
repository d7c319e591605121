import type { ReportDictRow } from '@dlkit/metrics';
import type { FeaturesSvmResult } from './features-svm';
import { pct, secs, textTable } from '@dlkit-examples/common';

/** The side-by-side table of every method: test accuracy, macro F1, train / extract / predict seconds. */
export function methodsTable(result: FeaturesSvmResult): string {
  return textTable(
    ['method', 'dims', 'test acc', 'macro F1', 'train s', 'extract s', 'predict s', 'notes'],
    result.methods.map((m) => [
      m.method,
      String(m.features),
      pct(m.accuracy),
      m.macroF1.toFixed(3),
      secs(m.trainSeconds),
      m.extractSeconds > 0 ? secs(m.extractSeconds) : '–',
      secs(m.predictSeconds),
      m.detail,
    ]),
    1,
    true,
  );
}

/** Per-class F1 of every method (rows: classes; columns: methods). */
export function perClassRows(result: FeaturesSvmResult): { head: string[]; rows: string[][] } {
  const head = ['class', ...result.methods.map((m) => m.method.replace(' (network head)', ''))];
  const rows = result.classNames.map((name) => [
    name,
    ...result.methods.map((m) => {
      const r = m.report[name] as ReportDictRow | undefined;
      return r === undefined ? '–' : r['f1-score'].toFixed(3);
    }),
  ]);
  return { head, rows };
}

/** {@link perClassRows} as text. */
export function perClassTable(result: FeaturesSvmResult): string {
  const { head, rows } = perClassRows(result);
  return textTable(head, rows);
}

/** The best method and the softmax head, for headlines. */
export function headline(result: FeaturesSvmResult): Record<string, string> {
  const soft = result.methods.find((m) => m.classifier === 'softmax');
  const svm = result.methods.filter((m) => m.classifier !== 'softmax').sort((a, b) => b.accuracy - a.accuracy)[0];
  const out: Record<string, string> = {};
  if (soft) out['softmax head'] = pct(soft.accuracy);
  if (svm) out[`best SVM (${svm.method})`] = pct(svm.accuracy);
  for (const m of result.methods) if (m.classifier !== 'softmax' && m !== svm) out[m.method] = pct(m.accuracy);
  return out;
}
