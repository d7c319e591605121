import { SIMD_KERNELS_WASM } from './simd-kernels-wasm.generated';

/**
 * @internal WebAssembly SIMD (128-bit) inner loops for the solvers: dot products and axpy over rows that
 * live in one `WebAssembly.Memory`. The module (≈ 1.3 kB) is simd-kernels.wat, assembled at build time
 * into simd-kernels-wasm.generated.ts (no binary asset); it is compiled synchronously (small enough for
 * browsers' main-thread limit). Arithmetic is float64 (`f64x2`), float32 inputs are widened exactly, so results
 * match the scalar TypeScript loops up to summation order.
 *
 * Functions (pointers are byte offsets into the memory):
 * - `dotF32F64(x, w, n)`: Σ_k f32 x[k] · f64 w[k]
 * - `axpyF32F64(a, x, w, n)`: f64 w[k] += a · f32 x[k]
 * - `axpyF64(a, x, w, n)`: f64 w[k] += a · f64 x[k]
 * - `dotF64(x, y, n)`: Σ_k f64 x[k] · f64 y[k]
 * - `dotsF64(a, b, count, d, out)`: out[k] = dotF64(a, b + 8·d·k, d) for k < count (rows of d float64)
 * - `dotsListF32F64(x, list, n, d, out)`: out[q] = dotF32F64(x, list[q], d) for q < n (list of i32 offsets)
 * - `dotsListF64(x, list, n, d, out)`: the same with float64 rows
 * - `dotsF32F64(a, b, count, d, out)`: out[k] = dotF32F64(b + 4·d·k, a, d): float32 rows against a float64 vector
 */
export interface SimdKernels {
  readonly memory: WebAssembly.Memory;
  dotF32F64(x: number, w: number, n: number): number;
  axpyF32F64(a: number, x: number, w: number, n: number): void;
  axpyF64(a: number, x: number, w: number, n: number): void;
  dotF64(x: number, y: number, n: number): number;
  dotsF64(a: number, b: number, count: number, d: number, out: number): void;
  dotsListF32F64(x: number, list: number, n: number, d: number, out: number): void;
  dotsListF64(x: number, list: number, n: number, d: number, out: number): void;
  dotsF32F64(a: number, b: number, count: number, d: number, out: number): void;
}

/** Base64 → bytes, in browsers (atob) and Node alike. */
function decode(b64: string): Uint8Array<ArrayBuffer> {
  if (typeof atob === 'function') return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable. */
function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = decode(SIMD_KERNELS_WASM);
    compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** 64 KiB pages of a wasm32 memory; V8 allows up to 65,536 (4 GiB), we stop a little below. */
const MAX_PAGES = 65_000;

/**
 * @internal Instantiate the kernels over a fresh memory of at least `bytes` bytes. Returns null when
 * WebAssembly SIMD is unavailable or the memory cannot be had (callers fall back to TypeScript loops).
 * Set `DLKIT_NO_SIMD=1` to force the fallback (for comparisons).
 */
export function createSimdKernels(bytes: number): SimdKernels | null {
  if (typeof process === 'object' && process.env?.DLKIT_NO_SIMD === '1') return null;
  const mod = simdModule();
  const pages = Math.ceil(Math.max(bytes, 1) / 65536);
  if (!mod || pages > MAX_PAGES) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages });
  } catch {
    return null;
  }
  const e = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports as unknown as Omit<SimdKernels, 'memory'>;
  return {
    memory,
    dotF32F64: e.dotF32F64,
    axpyF32F64: e.axpyF32F64,
    axpyF64: e.axpyF64,
    dotF64: e.dotF64,
    dotsF64: e.dotsF64,
    dotsListF32F64: e.dotsListF32F64,
    dotsListF64: e.dotsListF64,
    dotsF32F64: e.dotsF32F64,
  };
}

/** @internal True when every value of `x` is exactly representable as a float32 (rows can then be stored
 * as float32 for {@link SimdKernels.dotsF32F64} without changing any product). */
export function isFloat32Exact(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (Math.fround(x[i]) !== x[i]) return false;
  return true;
}
