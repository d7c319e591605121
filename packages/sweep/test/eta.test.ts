import { describe, expect, it } from 'vitest';
import { etaSeconds, startEpochOf } from '../src/eta';

describe('etaSeconds', () => {
  it('extrapolates the mean epoch time of a fresh run over the epochs left', () => {
    // 3 epochs in 30 s, 7 left
    expect(etaSeconds(30, 3, 10, startEpochOf(1))).toBe(70);
  });

  it('counts only the epochs this process ran when the run was resumed from a checkpoint', () => {
    // resumed after epoch 27: its first report is epoch 28, 200 s after it started; 2 epochs left
    const start = startEpochOf(28);
    expect(start).toBe(27);
    expect(etaSeconds(200, 28, 30, start)).toBe(400);
    expect(etaSeconds(410, 29, 30, start)).toBe(205);
  });

  it('is 0 after the last epoch and unknown before the first one of this run', () => {
    expect(etaSeconds(50, 5, 5, 0)).toBe(0);
    expect(etaSeconds(0, 0, 5, 0)).toBeNaN();
    expect(etaSeconds(12, 27, 30, 27)).toBeNaN();
  });
});

describe('startEpochOf', () => {
  it('reads a first report of epoch 1 (or 0) as a fresh run', () => {
    expect(startEpochOf(1)).toBe(0);
    expect(startEpochOf(0)).toBe(0);
  });
});
