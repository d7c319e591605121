/** Plain-text layout helpers for the report printed on stdout. */
import type { ConfusionMatrix } from '@dlkit/metrics';

/** Mean and (population) standard deviation. */
export function meanStd(values: readonly number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}

/** A confusion matrix as a right-aligned grid with class names on both axes (rows: true, columns: predicted). */
export function confusionText(cm: ConfusionMatrix, names: readonly string[]): string {
  const rows = cm.toArray();
  const width = Math.max(4, ...rows.flat().map((v) => String(v).length), ...names.map((n) => n.length)) + 1;
  const pad = (s: string) => s.padStart(width);
  const lines = [`${'true\\pred'.padEnd(10)}${cm.labels.map((l) => pad(names[l] ?? String(l))).join('')}`];
  rows.forEach((row, i) =>
    lines.push(`${(names[cm.labels[i]] ?? String(cm.labels[i])).padEnd(10)}${row.map((v) => pad(String(v))).join('')}`),
  );
  return lines.join('\n');
}

/** A table with a header row, columns padded to their widest cell; the first `leftColumns` are left-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], leftColumns = 1): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: readonly string[]) =>
    r.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
