// Temporary proof of sameness: the kernels assembled from simd-kernels.wat against the former
// hand-assembled opcodes (test/legacy-simd-kernels.ts), bit for bit, on a grid of sizes and inputs.
import { describe, expect, it } from 'vitest';
import { createSimdKernels as createNew } from '../src/simd-kernels.js';
import { createSimdKernels as createOld } from './legacy-simd-kernels.js';

function firstDifference(x: Uint8Array, y: Uint8Array): number {
  if (x.length !== y.length) return 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('simd-kernels.wat against the former hand-assembled module', () => {
  it('every kernel returns and writes bit-identical values', () => {
    const a = createNew(1 << 20);
    const b = createOld(1 << 20);
    if (!a || !b) throw new Error('WebAssembly SIMD expected on Node ≥ 22');
    let checks = 0;
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 15, 16, 17, 31, 33, 100, 577]) {
      for (const count of [0, 1, 2, 3, 5]) {
        for (const scale of [1, 1e3, 1e-3]) {
          const r = rng(n * 7919 + count * 31 + Math.round(scale * 1000));
          const bytes = 1 << 19;
          const fa = new Uint8Array(a.memory.buffer, 0, bytes);
          const fb = new Uint8Array(b.memory.buffer, 0, bytes);
          // Float32 rows at 0, float64 rows at 65536, a float64 vector at 262144, outputs at 393216, a list at 458752.
          const x32a = new Float32Array(a.memory.buffer, 0, 6 * n);
          const x64a = new Float64Array(a.memory.buffer, 65536, 6 * n);
          const wa = new Float64Array(a.memory.buffer, 262144, 6 * n);
          for (let i = 0; i < 6 * n; i++) {
            x32a[i] = (r() * 2 - 1) * scale;
            x64a[i] = (r() * 2 - 1) * scale;
            wa[i] = (r() * 2 - 1) * scale;
          }
          const list = new Int32Array(a.memory.buffer, 458752, count);
          for (let q = 0; q < count; q++) list[q] = (q % 2 ? 65536 : 262144) + 8 * n * (q % 3);
          fb.set(fa);
          for (const k of [a, b]) {
            const results = [k.dotF32F64(0, 262144, n), k.dotF64(65536, 262144, n), k.dotF64(65536 + 8, 262144 + 16, Math.max(0, n - 3))];
            k.dotsF64(262144, 65536, count, n, 393216);
            k.dotsF32F64(262144, 0, count, n, 393216 + 64);
            k.dotsListF32F64(4 * n, 458752, count, n, 393216 + 128);
            k.dotsListF64(65536 + 8 * n, 458752, count, n, 393216 + 192);
            k.axpyF32F64(0.37 * scale, 0, 262144, n);
            k.axpyF64(-1.3, 65536, 262144 + 8, Math.max(0, n - 1));
            new Float64Array(k.memory.buffer, 393216 + 256, 3).set(results);
          }
          expect(firstDifference(fa, fb)).toBe(-1);
          checks++;
        }
      }
    }
    expect(checks).toBe(18 * 5 * 3);
  }, 300_000);
});
