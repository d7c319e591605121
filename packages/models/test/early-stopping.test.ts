import { describe, expect, it } from 'vitest';
import { createEarlyStopping } from '../src/early-stopping';
import type { EpochRecord } from '../src/history';

const rec = (epoch: number, loss: number, valLoss: number | null = null): EpochRecord => ({
  epoch,
  loss,
  accuracy: 0,
  valLoss,
  valAccuracy: null,
  learningRate: 0.1,
  seconds: 0,
  samplesPerSecond: 0,
});

describe('early stopping', () => {
  it('stops after `patience` epochs without improvement and remembers the best epoch', () => {
    const s = createEarlyStopping({ patience: 2, minDelta: 0.01 }, true);
    expect(s.update(rec(1, 1, 1))).toBeNull();
    expect(s.update(rec(2, 1, 0.995))).toBeNull(); // within minDelta: no improvement (1 epoch waiting)
    expect(s.update(rec(3, 1, 0.9))).toBeNull(); // improves
    expect(s.update(rec(4, 1, 0.95))).toBeNull();
    expect(s.update(rec(5, 1, 0.95))).toBe('patience');
    expect(s.state().bestEpoch).toBe(3);
  });

  it('stops at a training-loss threshold', () => {
    const s = createEarlyStopping({ lossThreshold: 0.005 }, false);
    expect(s.update(rec(1, 0.01))).toBeNull();
    expect(s.update(rec(2, 0.005))).toBe('lossThreshold');
  });

  it('never stops without rules and validates its options', () => {
    const s = createEarlyStopping(undefined, false);
    for (let e = 1; e < 10; e++) expect(s.update(rec(e, 1))).toBeNull();
    expect(() => createEarlyStopping({ patience: -1 }, false)).toThrow(/patience/);
    expect(() => createEarlyStopping({ patience: 1 }, false).update(rec(1, 1))).not.toThrow();
    expect(() => createEarlyStopping({ patience: 1, monitor: 'valLoss' }, false).update(rec(1, 1))).toThrow(/monitor/);
  });
});
