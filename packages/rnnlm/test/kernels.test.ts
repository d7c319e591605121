import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createKernels, wasmAvailable } from '../src/kernels';

describe('kernels', () => {
  it('runs WebAssembly SIMD on Node 20', () => {
    expect(wasmAvailable()).toBe(true);
    expect(createKernels(16).engine).toBe('wasm');
  });

  it('computes the same loops in WebAssembly and JavaScript, for odd and even sizes', () => {
    for (const H of [1, 2, 7, 8, 33, 100]) {
      const K = 3;
      const n = 6 * H * H + 40 * H + 2 * K * H + 64;
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
      const D = ep + H;
      const SP = D + K * H;
      for (const k of [w, j]) {
        k.dotRows(M, 1, 6, H, s, out);
        k.dotRows(M, 0, 9, H, s, out); // 4-row blocks and a remainder
        k.outBack(M, 2, 5, H, g, s, e, 0.1, 0.999);
        k.outBack(M, 3, 4, H, g, s, e, 0.05, 1); // pairs only
        k.recProp(W, H, d, ep);
        k.recGrad(W, D, SP, H, K, 0.99, 0.05);
        k.recGrad(gW, D, SP, H, 1, 1, 0.5);
      }
      for (let i = 0; i < n; i++) expect(w.mem[i]).toBeCloseTo(j.mem[i], 12);
      // recGrad with one step is an outer product: gW[0][H − 1] moved by 0.5·D[0]·SP[H − 1].
      expect(w.mem[gW + H - 1]).not.toBe(Math.sin((gW + H - 1) * 1.37) * 0.7);
      // dotRows wrote real dot products.
      let ref = 0;
      for (let i = 0; i < H; i++) ref += j.mem[M + H + i] * j.mem[s + i];
      expect(Math.abs(ref)).toBeGreaterThan(0);
    }
  });

  it('computes sigmoid and softmax (with a vectorised exp) as Math.exp does, to 1e-15', () => {
    for (const n of [1, 2, 5, 100]) {
      const w = createKernels(4 * n + 16, 'wasm');
      const j = createKernels(4 * n + 16, 'js');
      for (const k of [w, j]) {
        for (let i = 0; i < 4 * n + 16; i++) k.mem[i] = 30 * Math.sin(i * 2.1) + (i % 7 === 0 ? 80 : 0);
        k.sigmoid(0, n + 2, 2 * n + 4, n);
        k.softmax(3 * n + 6, n);
      }
      for (let i = 2 * n + 4; i < 2 * n + 4 + n; i++) expect(Math.abs(w.mem[i] - j.mem[i])).toBeLessThan(1e-15);
      let sum = 0;
      for (let i = 3 * n + 6; i < 4 * n + 6; i++) {
        expect(Math.abs(w.mem[i] - j.mem[i])).toBeLessThanOrEqual(1e-15 * Math.max(1e-300, j.mem[i]) + 1e-300);
        sum += w.mem[i];
      }
      expect(sum).toBeCloseTo(1, 14);
    }
    // Extremes: exp under- and overflow stay finite in the sigmoid (inputs are clamped at ±50).
    const k = createKernels(8, 'wasm');
    k.mem.set([-1e6, 1e6, 0, 0]);
    k.sigmoid(0, 2, 4, 2);
    expect(k.mem[4]).toBeCloseTo(1 / (1 + Math.exp(50)), 30);
    expect(k.mem[5]).toBeCloseTo(1 / (1 + Math.exp(-50)), 15);
  });

  it('the committed kernels-wasm.generated.ts is kernels.wat assembled (no stale binary)', () => {
    expect(() =>
      execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'assemble-wasm.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
