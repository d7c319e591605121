import type * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { constant, he, LayerArgumentError, normal, xavier } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';

function stats(t: tf.Tensor): { mean: number; sd: number; maxAbs: number } {
  const v = t.dataSync() as Float32Array;
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
  const maxAbs = v.reduce((a, b) => Math.max(a, Math.abs(b)), 0);
  t.dispose();
  return { mean, sd, maxAbs };
}

const [FAN_IN, FAN_OUT] = [400, 300]; // 120 000 draws: relative standard error of σ ≈ 0.2%

describe.each(ENGINES)('initialisers on %s', (engine) => {
  useEngine(engine);

  for (const sigma of [0.08, 0.01, 0.001]) {
    it(`normal({ stddev: ${sigma} }) draws N(0, σ²) with the given σ`, () => {
      const { mean, sd } = stats(normal({ stddev: sigma, seed: 1 }).apply([FAN_IN, FAN_OUT]));
      expect(Math.abs(mean)).toBeLessThan(4 * (sigma / Math.sqrt(FAN_IN * FAN_OUT)));
      expect(Math.abs(sd / sigma - 1)).toBeLessThan(0.01);
    });
  }

  it('constant(v) fills with v', () => {
    const t = constant(0.1).apply([3, 2]);
    expect(Array.from(t.dataSync()).every((v) => Math.abs(v - 0.1) < 1e-7)).toBe(true);
    t.dispose();
  });

  it('xavier: uniform on ±sqrt(6/(fanIn+fanOut)); normal with variance 2/(fanIn+fanOut)', () => {
    const limit = Math.sqrt(6 / (FAN_IN + FAN_OUT));
    const u = stats(xavier({ seed: 2 }).apply([FAN_IN, FAN_OUT]));
    expect(u.maxAbs).toBeLessThanOrEqual(limit);
    expect(Math.abs(u.sd / (limit / Math.sqrt(3)) - 1)).toBeLessThan(0.01);
    const n = stats(xavier({ distribution: 'normal', seed: 3 }).apply([FAN_IN, FAN_OUT]));
    expect(Math.abs(n.sd / Math.sqrt(2 / (FAN_IN + FAN_OUT)) - 1)).toBeLessThan(0.01);
  });

  it('he: normal with variance 2/fanIn; uniform on ±sqrt(6/fanIn)', () => {
    const n = stats(he({ seed: 4 }).apply([FAN_IN, FAN_OUT]));
    expect(Math.abs(n.sd / Math.sqrt(2 / FAN_IN) - 1)).toBeLessThan(0.01);
    const u = stats(he({ distribution: 'uniform', seed: 5 }).apply([FAN_IN, FAN_OUT]));
    expect(u.maxAbs).toBeLessThanOrEqual(Math.sqrt(6 / FAN_IN));
    expect(Math.abs(u.sd / Math.sqrt(2 / FAN_IN) - 1)).toBeLessThan(0.01);
  });
});

describe('initialisers bad input', () => {
  it('rejects a non-positive σ, a non-finite constant and an unknown distribution', () => {
    expect(() => normal({ stddev: 0 })).toThrow(/normal: stddev must be a finite number > 0/);
    expect(() => constant(Number.NaN)).toThrow(LayerArgumentError);
    expect(() => he({ distribution: 'laplace' as 'normal' })).toThrow(/he: distribution must be one of 'uniform', 'normal'/);
  });
});
