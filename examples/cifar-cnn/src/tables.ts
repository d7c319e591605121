import type { StudyResult } from './studies';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

function pad(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')).join('\n');
}

/**
 * A study as a plain-text table: variant, test accuracy, training accuracy (the trained net evaluated on the
 * training images; `–` in results of older versions), final training loss, training wall and CPU seconds, images/s.
 *
 * @example
 * ```ts
 * console.log(studyTable(result));
 * // variant              test acc  train acc  train loss  seconds  cpu s  img/s
 * // batch 64 (baseline)    61.2 %     70.4 %      0.9312     41.0   62.3    122
 * ```
 */
export function studyTable(study: StudyResult): string {
  const rows = [['variant', 'test acc', 'train acc', 'train loss', 'seconds', 'cpu s', 'img/s']];
  for (const v of study.variants) {
    rows.push([
      v.name,
      pct(v.testAccuracy),
      v.trainEvalAccuracy === undefined ? '–' : pct(v.trainEvalAccuracy),
      v.finalTrainLoss.toFixed(4),
      v.seconds.toFixed(1),
      v.cpuSeconds.toFixed(1),
      v.imagesPerSecond.toFixed(0),
    ]);
  }
  return pad(rows);
}

/** Conv depths and fc counts of a grid study, in the order run. */
export function gridAxes(study: StudyResult): { conv: number[]; fc: number[] } {
  const conv = [...new Set(study.variants.flatMap((v) => (v.spec.grid ? [v.spec.grid.conv] : [])))];
  const fc = [...new Set(study.variants.flatMap((v) => (v.spec.grid ? [v.spec.grid.fc] : [])))];
  return { conv, fc };
}

/**
 * The depth grid as a plain-text matrix: one row per conv depth, one column per number of hidden fc layers,
 * each cell `accuracy / wall seconds / CPU seconds`.
 *
 * @example
 * ```ts
 * console.log(gridTable(grid));
 * // conv \ fc        0             1             2
 * // 2         48.2 % / 12s  50.1 % / 12s  …
 * ```
 */
export function gridTable(study: StudyResult): string {
  const { conv, fc } = gridAxes(study);
  const rows = [['conv \\ fc', ...fc.map(String)]];
  for (const c of conv) {
    rows.push([
      String(c),
      ...fc.map((f) => {
        const v = study.variants.find((x) => x.spec.grid?.conv === c && x.spec.grid.fc === f);
        return v ? `${pct(v.testAccuracy)} / ${v.seconds.toFixed(0)} s / ${v.cpuSeconds.toFixed(0)} cpu s` : '–';
      }),
    ]);
  }
  return pad(rows);
}
