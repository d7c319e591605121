import { describe, expect, it } from 'vitest';
import { knnAccuracy } from '../src/knn-accuracy';
import { matrix } from './helpers';

describe('knnAccuracy', () => {
  it('counts leave-one-out majority votes', () => {
    // Two tight groups on a line, one point of class 1 placed inside group 0.
    const Y = matrix([0, 0, 0.1, 0, 0.2, 0, 0.15, 0, 10, 0, 10.1, 0, 10.2, 0], 7, 2);
    const labels = [0, 0, 0, 1, 1, 1, 1];
    // k = 3: point 3 (class 1) sits among class 0 → wrong; the others are right.
    expect(knnAccuracy(Y, labels, { k: 3 })).toBeCloseTo(6 / 7, 12);
  });
  it('breaks ties towards the nearest neighbour’s class', () => {
    const Y = matrix([0, 0, 1, 0, -2, 0], 3, 2);
    // Points 0 and 1: one vote each for classes 1 and 2, the nearer is class 1 → correct.
    // Point 2 (class 2): both neighbours are class 1 → wrong.
    expect(knnAccuracy(Y, [1, 1, 2], { k: 2 })).toBeCloseTo(2 / 3, 12);
  });
  it('refuses k ≥ rows and label count mismatch', () => {
    const Y = matrix([0, 0, 1, 1], 2, 2);
    expect(() => knnAccuracy(Y, [0, 1], { k: 2 })).toThrow(/k/);
    expect(() => knnAccuracy(Y, [0], { k: 1 })).toThrow(/labels.length/);
  });
});
