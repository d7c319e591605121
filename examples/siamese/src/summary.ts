import type { SettingResult } from './setting-run';

/**
 * The report's claim checked on this run: random sampling against anchor sampling with loss form 2, or
 * undefined when the run did not train both.
 */
export function samplingVerdict(results: readonly SettingResult[]): string | undefined {
  const anchor = results.filter((r) => r.strategy === 'anchor' && r.form === 'squared')[0];
  const random = results.filter((r) => r.strategy === 'random' && r.form === 'squared')[0];
  if (!anchor || !random) return undefined;
  const verdict =
    random.svmAccuracy > anchor.svmAccuracy + 0.05
      ? 'random sampling is clearly better, as in the report'
      : random.svmAccuracy > anchor.svmAccuracy
        ? 'random sampling is better, but by less than the report found'
        : 'random sampling is NOT better here, unlike the report';
  return `report: random 0.68 vs anchor 0.48 (form 2). here: random ${random.svmAccuracy.toFixed(3)} vs anchor ${anchor.svmAccuracy.toFixed(3)} → ${verdict}`;
}

/** Prints the accuracy table (baseline first) and the sampling verdict; returns the verdict. */
export function printSummary(baselineAccuracy: number, results: readonly SettingResult[]): string | undefined {
  console.log('\nsetting              SVM accuracy (80/20)   held-out loss');
  console.log(`${'untrained'.padEnd(20)} ${baselineAccuracy.toFixed(3).padStart(12)}`);
  for (const r of results)
    console.log(`${r.setting.padEnd(20)} ${r.svmAccuracy.toFixed(3).padStart(12)}          ${r.finalEvalLoss?.toFixed(4)}`);
  const verdictLine = samplingVerdict(results);
  if (verdictLine !== undefined) console.log(`\n${verdictLine}`);
  return verdictLine;
}
