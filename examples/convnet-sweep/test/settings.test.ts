import { describe, expect, it } from 'vitest';
import { SweepError } from '../src/errors';
import { BASELINE, DEFAULT_LEVELS, describeSetting, levelLabel, settingId, sweepDesign, withLevel } from '../src/settings';

describe('sweepDesign', () => {
  it('varies one factor at a time and trains the shared baseline once', () => {
    const { settings, rows } = sweepDesign(['pooling', 'nstates', 'activation', 'dropout']);
    expect(settings).toHaveLength(9);
    expect(settings[0]).toEqual(BASELINE);
    expect(new Set(settings.map(settingId)).size).toBe(9);
    expect(rows.map((r) => `${r.factor}:${r.level}`)).toEqual([
      'pooling:avg',
      'pooling:max',
      'pooling:L2',
      'nstates:16-16-64',
      'nstates:32-32-128',
      'nstates:64-64-128',
      'activation:sigmoid',
      'activation:ReLU',
      'activation:tanh',
      'dropout:none',
      'dropout:0.25',
      'dropout:0.5',
    ]);
    expect(rows.filter((r) => r.isBaseline).map((r) => r.settingId)).toEqual(Array(4).fill(settingId(BASELINE)));
    // every non-baseline setting differs from the baseline in exactly its factor
    for (const r of rows.filter((x) => !x.isBaseline)) {
      const s = settings.find((x) => settingId(x) === r.settingId);
      expect(s).toBeDefined();
      const differing = (['pooling', 'nstates', 'activation', 'dropout'] as const).filter(
        (f) => levelLabel(f, s!) !== levelLabel(f, BASELINE),
      );
      expect(differing).toEqual([r.factor]);
    }
  });

  it('leaves the baseline out when no factor includes its level', () => {
    const { settings, rows } = sweepDesign(['dropout'], BASELINE, { ...DEFAULT_LEVELS, dropout: [0.25, 0.5] });
    expect(settings.map((s) => s.dropout)).toEqual([0.25, 0.5]);
    expect(rows.every((r) => !r.isBaseline)).toBe(true);
  });

  it('labels and describes settings', () => {
    expect(settingId(BASELINE)).toBe('l2-32.32.128-tanh-d0');
    expect(describeSetting(withLevel(BASELINE, 'dropout', 0.5))).toBe('L2 pooling, 32-32-128, tanh, dropout 0.5');
    expect(levelLabel('activation', withLevel(BASELINE, 'activation', 'relu'))).toBe('ReLU');
  });

  it('rejects bad factors and levels with a SweepError naming the field', () => {
    expect(() => sweepDesign([])).toThrow(SweepError);
    expect(() => sweepDesign(['kernel' as never])).toThrow(/factors/);
    expect(() => sweepDesign(['dropout'], BASELINE, { ...DEFAULT_LEVELS, dropout: [1] })).toThrow(/levels\.dropout\.dropout/);
    try {
      sweepDesign(['nstates'], BASELINE, { ...DEFAULT_LEVELS, nstates: [[4, 4] as never] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SweepError);
      expect((e as SweepError).option).toBe('levels.nstates.nstates');
      expect((e as SweepError).received).toEqual([4, 4]);
    }
  });
});
