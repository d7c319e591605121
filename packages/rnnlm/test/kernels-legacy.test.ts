// Temporary proof of sameness: the kernels assembled from kernels.wat against the former hand-assembled
// opcodes (test/legacy-kernels.ts), bit for bit, on a grid of sizes and inputs.
import { describe, expect, it } from 'vitest';
import { createKernels as createNew } from '../src/kernels';
import { createKernels as createOld } from './legacy-kernels';

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

describe('kernels.wat against the former hand-assembled module', () => {
  it('every kernel writes bit-identical memory', () => {
    let checks = 0;
    for (const H of [1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100]) {
      for (const n of [0, 1, 2, 3, 4, 5, 7, 8, 9, 13]) {
        for (const K of [1, 2, 3, 5]) {
          for (const scale of [1, 40, 900]) {
            const size = (n + 12) * H + 2 * H * H + 2 * K * H + 3 * H + 64;
            const a = createNew(size, 'wasm');
            const b = createOld(size, 'wasm');
            const r = rng(H * 1000003 + n * 101 + K * 7 + scale);
            for (let i = 0; i < size; i++) {
              const v = (r() * 2 - 1) * scale * (r() < 0.05 ? 3 : 1);
              a.mem[i] = v;
              b.mem[i] = v;
            }
            const M = 0;
            const s = (n + 2) * H;
            const out = s + H;
            const g = out + n + 2;
            const e = g + n + 2;
            const W = e + H + 1;
            const W2 = W + H * H;
            const D = W2 + H * H;
            const SP = D + K * H;
            const u = SP + K * H;
            const sg = u + H + 1;
            const sm = sg + H + 1;
            for (const k of [a, b]) {
              k.dotRows(M, 1, n, H, s, out);
              k.outBack(M, 2, n, H, g, s, e, 0.1, 0.999);
              k.recProp(W, H, g, e);
              k.recGrad(W, D, SP, H, K, 0.99, 0.05);
              k.recGrad(W2, D, SP, H, K, 1, 1);
              k.sigmoid(u, W, sg, H);
              k.softmax(sm, Math.min(H, 40));
            }
            const x = new Uint8Array(a.mem.buffer, a.mem.byteOffset, a.mem.byteLength);
            const y = new Uint8Array(b.mem.buffer, b.mem.byteOffset, b.mem.byteLength);
            expect(firstDifference(x, y)).toBe(-1);
            checks++;
          }
        }
      }
    }
    expect(checks).toBe(16 * 10 * 4 * 3);
  }, 300_000);
});
