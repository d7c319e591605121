import { describe, expect, it } from 'vitest';
import { gridAxes, gridTable, studyTable } from '../src/tables';
import { fakeStudy } from './helpers';

describe('text tables', () => {
  it('studyTable: one aligned row per variant with accuracies, loss, wall and CPU seconds, img/s', () => {
    const st = fakeStudy('cifarnet', (n) => (n === 'batch 32' ? 0.615 : 0.5));
    st.variants[1]!.trainEvalAccuracy = 0.7234;
    const lines = studyTable(st).split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^variant\s+test acc\s+train acc\s+train loss\s+seconds\s+cpu s\s+img\/s$/);
    expect(lines[2]).toMatch(/^batch 32\s+61\.5 %\s+72\.3 %\s+0\.5000\s+3\.0\s+125\.0\s+32$/);
    // A result of an older version has no evaluated train accuracy.
    expect(lines[1]).toMatch(/^batch 64 \(baseline\)\s+50\.0 %\s+–\s+/);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('gridTable: conv rows × fc columns of accuracy / wall seconds / CPU seconds', () => {
    const st = fakeStudy('grid', (n) => (n === 'conv 7 × fc 0' ? 0.7 : 0.4));
    expect(gridAxes(st)).toEqual({ conv: [2, 4, 7], fc: [0, 1, 2] });
    const lines = gridTable(st).split('\n');
    expect(lines[0]).toMatch(/^conv \\ fc\s+0\s+1\s+2$/);
    expect(lines[3]).toMatch(/^7\s+70\.0 % \/ 8 s \/ 141 cpu s\s+40\.0 % \/ 9 s \/ 156 cpu s\s+40\.0 % \/ 10 s \/ 172 cpu s$/);
  });
});
