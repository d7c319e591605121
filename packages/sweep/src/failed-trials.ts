import type { SweepReport } from './run-sweep';

/**
 * The failed trials of a finished sweep as one message — `2 of 9 trials failed:` then one line per trial with
 * its id and error — or `undefined` when every trial succeeded. For callers whose report needs every trial.
 *
 * @example
 * ```ts
 * const report = await runSweep(sweep);
 * const failed = failedTrialsMessage(report, 'variants');
 * if (failed) throw new Error(failed);
 * ```
 */
export function failedTrialsMessage(report: SweepReport, noun = 'trials'): string | undefined {
  const failed = report.records.filter((r) => r.status === 'failed');
  if (failed.length === 0) return undefined;
  const lines = failed.map((r) => `  ${r.id}: ${r.error?.name}: ${r.error?.message}`);
  return `${failed.length} of ${report.records.length} ${noun} failed:\n${lines.join('\n')}`;
}
