import { describe, expect, it } from 'vitest';
import { sweepJson, sweepReportHtml, sweepTableText, tableRows } from '../src/report';
import { BASELINE, describeSetting, settingId, sweepDesign } from '../src/settings';
import { meanStd } from '../src/stats';
import type { SettingResult, SweepResult } from '../src/sweep';

/** A sweep result with made-up accuracies (no training): accuracy grows with the index of the setting. */
function fakeSweep(): SweepResult {
  const design = sweepDesign(['pooling', 'dropout']);
  const settings: SettingResult[] = design.settings.map((setting, i) => {
    const runs = [1, 2, 3].map((seed) => ({
      seed,
      accuracy: 0.8 + 0.02 * i + 0.001 * seed,
      loss: 0.5,
      trainAccuracy: 0.9,
      trainSeconds: 10 + i,
      evalSeconds: 1,
    }));
    return {
      id: settingId(setting),
      setting,
      description: describeSetting(setting),
      parameters: 1000 + i,
      runs,
      accuracy: meanStd(runs.map((r) => r.accuracy)),
      trainSeconds: meanStd(runs.map((r) => r.trainSeconds)),
    };
  });
  return {
    baseline: BASELINE,
    factors: ['pooling', 'dropout'],
    samples: 600,
    epochs: 5,
    seeds: [1, 2, 3],
    batchSize: 32,
    learningRate: 0.001,
    evalSize: 1000,
    rows: design.rows,
    settings,
    best: settings[settings.length - 1].id,
    seconds: 42,
  };
}

describe('report', () => {
  const sweep = fakeSweep();

  it('tableRows joins every design row with its setting’s numbers', () => {
    const rows = tableRows(sweep);
    expect(rows).toHaveLength(6);
    const base = rows.filter((r) => r.isBaseline);
    expect(base).toHaveLength(2);
    expect(base[0].accuracyMean).toBeCloseTo(0.802, 12);
    expect(base[0].accuracyStd).toBeCloseTo(0.001, 12);
    expect(rows[0]).toMatchObject({ factor: 'pooling', level: 'avg', trainSecondsMean: 11 });
    // paired: setting i is 0.02·i above the baseline with every seed
    expect(rows[0].deltaMean).toBeCloseTo(0.02, 12);
    expect(rows[0].deltaStd).toBeCloseTo(0, 12);
    expect(base[0].deltaMean).toBe(0);
  });

  it('sweepTableText lays out factor, level, mean ± std and the best setting', () => {
    const text = sweepTableText(sweep);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^factor\s+level\s+accuracy \(%\)\s+Δ vs base \(pts\)\s+train time \(s\)\s+params$/);
    expect(text).toContain('L2 *');
    expect(text).toMatch(/pooling\s+avg\s+82\.20 ± 0\.10\s+\+2\.00 ± 0\.00\s+11\.0 ± 0\.0\s+1001/);
    expect(text).toMatch(/L2 \*\s+80\.20 ± 0\.10\s+–\s+10\.0/);
    expect(text).toContain('mean ± std over 3 seeds (1, 2, 3); 600 training images, 5 epochs, evaluated on 1000 test images');
    expect(text).toContain(`best: ${sweep.settings[4].description} — 88.20 ± 0.10 %`);
  });

  it('sweepReportHtml is a self-contained page with the table, both plots and every run', () => {
    const html = sweepReportHtml(sweep, null, { dataset: 'MNIST (bundled sample)', engine: 'wasm (2 threads)' }, { sweep: 42 });
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('Accuracy vs training time per run');
    expect(html).toContain('class="best"');
    expect(html.match(/<tr><th>L2 pooling/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).not.toContain('id="full"');
    expect(html).not.toContain('NaN');
  });

  it('sweepJson holds protocol, table, settings with runs, and timings', () => {
    const json = JSON.parse(JSON.stringify(sweepJson(sweep, null, { dataset: 'd', engine: 'e' }, { total: 50 })));
    expect(json.protocol.seeds).toEqual([1, 2, 3]);
    expect(json.table).toHaveLength(6);
    expect(json.settings[0].runs).toHaveLength(3);
    expect(json.best).toBe(sweep.best);
    expect(json.timing).toEqual({ total: 50, sweep: 42 });
  });
});
