import { describe, expect, it } from 'vitest';
import { createKernels, wasmAvailable } from '../src/kernels';

describe('kernels', () => {
  it('runs WebAssembly SIMD on Node 20', () => {
    expect(wasmAvailable()).toBe(true);
    expect(createKernels(16).engine).toBe('wasm');
  });

  it('computes the same four loops in WebAssembly and JavaScript, for odd and even sizes', () => {
    for (const H of [1, 7, 8, 33]) {
      const n = 6 * H * H + 40 * H + 64;
      const w = createKernels(n, 'wasm');
      const j = createKernels(n, 'js');
      for (let i = 0; i < n; i++) {
        const v = Math.sin(i * 1.37) * 0.7;
        w.mem[i] = v;
        j.mem[i] = v;
      }
      const M = 0;
      const W = 10 * H;
      const gW = W + H * H;
      const s = gW + H * H;
      const out = s + H;
      const g = out + 10;
      const e = g + 10;
      const d = e + H;
      const sp = d + H;
      const ep = sp + H;
      for (const k of [w, j]) {
        k.dotRows(M, 1, 6, H, s, out);
        k.outBack(M, 2, 5, H, g, s, e, 0.1, 0.999);
        k.recBack(W, gW, H, d, sp, ep);
        k.applyGrad(W, gW, H * H, 0.99, 0.05);
      }
      for (let i = 0; i < n; i++) expect(w.mem[i]).toBeCloseTo(j.mem[i], 12);
      // The gradient buffer is cleared, and dotRows wrote real dot products.
      expect(w.mem[gW]).toBe(0);
      let ref = 0;
      for (let i = 0; i < H; i++) ref += j.mem[M + H + i] * j.mem[s + i];
      expect(Math.abs(ref)).toBeGreaterThan(0);
    }
  });
});
