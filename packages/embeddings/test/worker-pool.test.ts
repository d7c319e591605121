import { describe, expect, it } from 'vitest';
import { defaultThreads, loadWorkerThreads, parallelFor, toShared, type KernelArgs } from '../src/worker-pool';

describe('worker-pool', () => {
  it('splits [0, total) across threads that write into shared arrays', () => {
    expect(loadWorkerThreads()).not.toBeNull();
    const out = toShared(new Float64Array(1000));
    const kernel = (args: KernelArgs, from: number, to: number): void => {
      const o = args.out as Float64Array;
      for (let i = from; i < to; i++) o[i] = i * (args.scale as number);
    };
    expect(parallelFor(kernel, { out, scale: 3 }, 1000, 3)).toBe(true);
    for (let i = 0; i < 1000; i++) expect(out[i]).toBe(3 * i);
  });
  it('declines with one thread, so the caller runs the kernel itself', () => {
    expect(parallelFor(() => undefined, {}, 10, 1)).toBe(false);
  });
  it('reports a failing worker', () => {
    const kernel = (_a: KernelArgs, from: number): void => {
      if (from > 0) throw new Error('boom');
    };
    expect(() => parallelFor(kernel, {}, 10, 2)).toThrow(/worker failed/);
  });
  it('shares an existing SharedArrayBuffer view as is', () => {
    const a = toShared(new Int32Array(4));
    expect(toShared(a)).toBe(a);
    expect(defaultThreads()).toBeGreaterThanOrEqual(1);
  });
});
