import { base64ToBytes } from './base64';
import { KERNELS_WASM } from './kernels-wasm.generated';

/**
 * @internal The hot inner loops of the RNN LM over one flat float64 memory.
 *
 * Two engines with the same contract: `wasm` — a small WebAssembly module (kernels.wat, assembled at
 * build time) using 128-bit SIMD (f64x2) with register blocking (several rows share each load), about 4×
 * faster than scalar JavaScript; `js` — plain typed-array loops, the fallback where WebAssembly SIMD is
 * unavailable. All offsets are in float64 elements.
 */
export interface Kernels {
  /** Which engine runs the loops. */
  readonly engine: 'wasm' | 'js';
  /** The memory every offset points into. */
  readonly mem: Float64Array;
  /** out[k] = M[(r0 + k)·H …] · s for k < n. */
  dotRows(M: number, r0: number, n: number, H: number, s: number, out: number): void;
  /** For k < n with gₖ = g[k]: e += gₖ·row; row ← keep·row + alpha·gₖ·s (row = M[(r0 + k)·H …]). */
  outBack(M: number, r0: number, n: number, H: number, g: number, s: number, e: number, alpha: number, keep: number): void;
  /** ep += Σ_j d[j]·W[j] over the rows of the H×H matrix W (the error sent one step back in time). */
  recProp(W: number, H: number, d: number, ep: number): void;
  /**
   * W[j][i] ← keep·W[j][i] + alpha·Σ_{s<K} D[s·H + j]·SP[s·H + i]: the recurrent-weight update of a
   * whole BPTT block (K unrolled steps; D the hidden deltas, SP the previous states) in one pass.
   */
  recGrad(W: number, D: number, SP: number, H: number, K: number, keep: number, alpha: number): void;
  /** s[j] = 1 / (1 + exp(−a′)) with a′ = a[j] + u[j] clamped to [−50, 50] (rnnlm's clamp), j < H. */
  sigmoid(a: number, u: number, s: number, H: number): void;
  /** out[0 … n) ← softmax(out[0 … n)), in place. */
  softmax(out: number, n: number): void;
}

/** Engine choice: `'auto'` uses WebAssembly SIMD when the runtime supports it. */
export type KernelEngine = 'auto' | 'wasm' | 'js';

/** Allocates `doubles` zeroed float64 elements and the kernels that work on them. */
export function createKernels(doubles: number, engine: KernelEngine = 'auto'): Kernels {
  if (engine !== 'js') {
    const mod = wasmModule();
    if (mod) return wasmKernels(mod, doubles);
    if (engine === 'wasm') throw new Error('WebAssembly SIMD is not available in this runtime');
  }
  return jsKernels(new Float64Array(doubles));
}

// ---------------------------------------------------------------- JavaScript engine

function jsKernels(mem: Float64Array): Kernels {
  return {
    engine: 'js',
    mem,
    dotRows(M, r0, n, H, s, out) {
      for (let k = 0; k < n; k++) {
        const off = M + (r0 + k) * H;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let i = 0;
        for (; i + 3 < H; i += 4) {
          a0 += mem[off + i] * mem[s + i];
          a1 += mem[off + i + 1] * mem[s + i + 1];
          a2 += mem[off + i + 2] * mem[s + i + 2];
          a3 += mem[off + i + 3] * mem[s + i + 3];
        }
        for (; i < H; i++) a0 += mem[off + i] * mem[s + i];
        mem[out + k] = a0 + a1 + a2 + a3;
      }
    },
    outBack(M, r0, n, H, g, s, e, alpha, keep) {
      for (let k = 0; k < n; k++) {
        const gk = mem[g + k];
        const ag = alpha * gk;
        const off = M + (r0 + k) * H;
        for (let j = 0; j < H; j++) {
          const w = mem[off + j];
          mem[e + j] += gk * w;
          mem[off + j] = keep * w + ag * mem[s + j];
        }
      }
    },
    sigmoid(a, u, s, H) {
      for (let j = 0; j < H; j++) {
        let v = mem[a + j] + mem[u + j];
        if (v > 50) v = 50;
        else if (v < -50) v = -50;
        mem[s + j] = 1 / (1 + Math.exp(-v));
      }
    },
    softmax(out, n) {
      let max = -Infinity;
      for (let i = 0; i < n; i++) if (mem[out + i] > max) max = mem[out + i];
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const e = Math.exp(mem[out + i] - max);
        mem[out + i] = e;
        sum += e;
      }
      const inv = 1 / sum;
      for (let i = 0; i < n; i++) mem[out + i] *= inv;
    },
    recProp(W, H, d, ep) {
      for (let j = 0; j < H; j++) {
        const dj = mem[d + j];
        const off = W + j * H;
        for (let i = 0; i < H; i++) mem[ep + i] += dj * mem[off + i];
      }
    },
    recGrad(W, D, SP, H, K, keep, alpha) {
      for (let j = 0; j < H; j++) {
        const off = W + j * H;
        for (let i = 0; i < H; i++) {
          let g = 0;
          for (let s = 0; s < K; s++) g += mem[D + s * H + j] * mem[SP + s * H + i];
          mem[off + i] = keep * mem[off + i] + alpha * g;
        }
      }
    },
  };
}

// ---------------------------------------------------------------- WebAssembly engine

interface WasmExports {
  dotRows4(M: number, r0: number, n: number, H: number, s: number, out: number): void;
  outBack(M: number, r0: number, n: number, H: number, g: number, s: number, e: number, alpha: number, keep: number): void;
  outBack2(M: number, r0: number, n: number, H: number, g: number, s: number, e: number, alpha: number, keep: number): void;
  recProp(W: number, H: number, d: number, ep: number): void;
  recGrad(W: number, D: number, SP: number, H: number, K: number, keep: number, alpha: number): void;
  sigmoid(a: number, u: number, s: number, H: number): void;
  softmax(out: number, n: number): void;
}

function wasmKernels(mod: WebAssembly.Module, doubles: number): Kernels {
  const pages = Math.max(1, Math.ceil((doubles * 8) / 65536));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const x = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as WasmExports;
  const mem = new Float64Array(memory.buffer, 0, doubles);
  return {
    engine: 'wasm',
    mem,
    dotRows: (M, r0, n, H, s, out) => x.dotRows4(M * 8, r0, n, H, s * 8, out * 8),
    outBack: (M, r0, n, H, g, s, e, alpha, keep) => {
      const even = n & ~1;
      if (even > 0) x.outBack2(M * 8, r0, even, H, g * 8, s * 8, e * 8, alpha, keep);
      if (even < n) x.outBack(M * 8, r0 + even, 1, H, (g + even) * 8, s * 8, e * 8, alpha, keep);
    },
    recProp: (W, H, d, ep) => x.recProp(W * 8, H, d * 8, ep * 8),
    recGrad: (W, D, SP, H, K, keep, alpha) => x.recGrad(W * 8, D * 8, SP * 8, H, K, keep, alpha),
    sigmoid: (a, u, s, H) => x.sigmoid(a * 8, u * 8, s * 8, H),
    softmax: (out, n) => x.softmax(out * 8, n),
  };
}

let cachedModule: WebAssembly.Module | null | undefined;

function wasmModule(): WebAssembly.Module | null {
  if (cachedModule !== undefined) return cachedModule;
  try {
    const bytes = base64ToBytes(KERNELS_WASM);
    cachedModule =
      bytes && typeof WebAssembly === 'object' && WebAssembly.validate(bytes as BufferSource)
        ? new WebAssembly.Module(bytes as BufferSource)
        : null;
  } catch {
    cachedModule = null;
  }
  return cachedModule;
}

/** True when the WebAssembly SIMD engine can run here. */
export function wasmAvailable(): boolean {
  return wasmModule() !== null;
}
