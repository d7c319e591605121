import type { ReportDictRow } from '@dlkit/metrics';
import type { FeaturesSvmResult } from './features-svm';
import { pct, secs, textTable } from '@dlkit-examples/common';

/**
 * The side-by-side table of every method: test accuracy, macro F1, train / extract / predict seconds; on
 * CIFAR-10 a last row gives seed 004's figure for reference (its other columns are not measured here).
 */
export function methodsTable(result: FeaturesSvmResult): string {
  const rows = result.methods.map((m) => [
    m.method,
    String(m.features),
    pct(m.accuracy),
    m.macroF1.toFixed(3),
    m.trainSeconds > 0 ? secs(m.trainSeconds) : '–',
    m.extractSeconds > 0 ? secs(m.extractSeconds) : '–',
    secs(m.predictSeconds),
    m.detail,
  ]);
  const ref = result.reference;
  if (ref) rows.push([ref.method, '192', pct(ref.accuracy, 2), '–', '–', '–', '–', 'reference, full CIFAR-10 (not this run)']);
  return textTable(['method', 'dims', 'test acc', 'macro F1', 'train s', 'extract s', 'predict s', 'notes'], rows, 1, true);
}

/**
 * One line per SVM set against the softmax head and seed 004:
 * `linear-svc @ fc2  76.90 %  (softmax head 78.12 %, −1.22 points; seed 004 76.85 %)`.
 */
export function comparisonLines(result: FeaturesSvmResult): string[] {
  const soft = result.methods.find((m) => m.classifier === 'softmax');
  const ref = result.reference;
  return result.methods
    .filter((m) => m.classifier !== 'softmax')
    .map((m) => {
      const vs = soft ? `softmax head ${pct(soft.accuracy, 2)}, ${signed(100 * (m.accuracy - soft.accuracy))} points` : '';
      const seed = ref ? `; ${ref.method.replace(': linear SVM @ fc2', '')} ${pct(ref.accuracy, 2)}` : '';
      return `${m.method.padEnd(20)} ${pct(m.accuracy, 2).padStart(8)}  (${vs}${seed})`;
    });
}

const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(2)}`;

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
  if (result.reference) out[result.reference.method] = pct(result.reference.accuracy, 2);
  return out;
}
