/**
 * An aligned plain-text table: the first `leftColumns` columns left-aligned, the rest right-aligned, except
 * the last column when `leftLast` is set (free-text notes).
 *
 * @example
 * ```ts
 * textTable(['method', 'acc'], [['softmax', '61.2 %']]);
 * ```
 */
export function textTable(
  head: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  leftColumns = 1,
  leftLast = false,
): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i < leftColumns || (leftLast && i === head.length - 1) ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** `0.6123` → `'61.2 %'`. */
export function pct(v: number, digits = 1): string {
  return `${(v * 100).toFixed(digits)} %`;
}

/** Seconds with a precision that suits their size. */
export function secs(v: number): string {
  return v < 10 ? v.toFixed(2) : v.toFixed(1);
}
