import { describe, expect, it } from 'vitest';
import { createSchedule } from '../src/schedules';
import type { EpochRecord } from '../src/history';

const rec = (epoch: number, valLoss: number): EpochRecord => ({
  epoch,
  loss: valLoss,
  accuracy: 0,
  valLoss,
  valAccuracy: 0,
  learningRate: 0,
  seconds: 0,
  samplesPerSecond: 0,
});

function run(schedule: Parameters<typeof createSchedule>[0], losses: number[], lr0 = 0.1): number[] {
  const s = createSchedule(schedule, lr0, true);
  const used: number[] = [];
  let lr = lr0;
  losses.forEach((l, e) => {
    lr = s.beforeEpoch(e, lr);
    used.push(lr);
    lr = s.afterEpoch(rec(e + 1, l), lr);
  });
  return used;
}

describe('learning-rate schedules', () => {
  it('step: ×gamma every stepSize epochs', () => {
    expect(run({ type: 'step', stepSize: 2, gamma: 0.5 }, [5, 4, 3, 2, 1])).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('halve-on-plateau (RNNLM): halve after < 0.3 % improvement, then every epoch', () => {
    // 1 → 0.9 improves; 0.8985 is only 0.17 % better → halve; after that halve every epoch.
    expect(run({ type: 'halveOnPlateau' }, [1, 0.9, 0.8985, 0.5, 0.4])).toEqual([0.1, 0.1, 0.1, 0.05, 0.025]);
  });

  it('÷10 on plateau (AlexNet) with patience, only while not improving', () => {
    const used = run({ type: 'divideBy10OnPlateau', patience: 1 }, [1, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7]);
    expect(used.map((v) => Number(v.toPrecision(6)))).toEqual([0.1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01]);
  });

  it('plateau on accuracy maximises, with a floor', () => {
    const s = createSchedule({ type: 'plateau', factor: 0.5, monitor: 'valAccuracy', minLearningRate: 0.04 }, 0.1, true);
    const r = (acc: number): EpochRecord => ({ ...rec(1, 0), valAccuracy: acc });
    expect(s.afterEpoch(r(0.5), 0.1)).toBe(0.1);
    expect(s.afterEpoch(r(0.6), 0.1)).toBe(0.1);
    expect(s.afterEpoch(r(0.55), 0.1)).toBe(0.05);
    expect(s.afterEpoch(r(0.55), 0.05)).toBe(0.04);
  });

  it('custom functions, state round trip, and errors', () => {
    expect(run((e, lr0) => lr0 / (1 + e), [1, 1, 1])).toEqual([0.1, 0.05, 0.1 / 3]);
    const s = createSchedule({ type: 'halveOnPlateau' }, 1, true);
    s.afterEpoch(rec(1, 1), 1);
    const copy = createSchedule({ type: 'halveOnPlateau' }, 1, true);
    copy.restore(s.state());
    expect(copy.afterEpoch(rec(2, 1), 1)).toBe(s.afterEpoch(rec(2, 1), 1));
    expect(() => createSchedule({ type: 'cosine' } as never, 1, true)).toThrow(/schedule.type/);
    expect(() => createSchedule({ type: 'step', stepSize: 0 }, 1, true)).toThrow(/stepSize/);
    expect(() =>
      createSchedule({ type: 'halveOnPlateau' }, 1, false).afterEpoch({ ...rec(1, 1), valLoss: null }, 1),
    ).not.toThrow();
    expect(() =>
      createSchedule({ type: 'halveOnPlateau', monitor: 'valLoss' }, 1, false).afterEpoch({ ...rec(1, 1), valLoss: null }, 1),
    ).toThrow(/monitor/);
  });
});
