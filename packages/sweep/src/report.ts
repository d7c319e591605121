import type { SweepReport } from './run-sweep';

/**
 * The report of a sweep as a text table: each trial with its status, where it ran (host/pid/worker), how long
 * it ran, its attempts, and its error when it failed; then the totals.
 *
 * @example
 * ```ts
 * console.log(formatSweepReport(await runSweep(sweep, { workers: 2 })));
 * ```
 */
export function formatSweepReport(report: SweepReport): string {
  const rows = report.records.map((r) => [
    r.id,
    r.status,
    `${r.where.host}/${r.where.pid}/${r.where.worker}`,
    `${r.seconds.toFixed(2)} s`,
    String(r.attempts),
    r.status === 'failed' ? `${r.error?.name ?? 'Error'}: ${(r.error?.message ?? '').split('\n')[0]}` : '',
  ]);
  const head = ['trial', 'status', 'where (host/pid/worker)', 'ran', 'attempts', 'error'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (i === 3 || i === 4 ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const mode =
    report.mode === 'redis'
      ? 'Redis workers'
      : report.mode === 'inline'
        ? 'in this process'
        : `${report.workers} local process${report.workers === 1 ? '' : 'es'} at once`;
  return [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `sweep ${report.sweep}: ${report.records.length} trials (${report.ran} run, ${report.reused} reused from earlier runs, ${report.failed} failed) — ${mode}, ${report.seconds.toFixed(1)} s wall`,
  ].join('\n');
}
