import { LruSlots } from './lru-slots';
import type { KernelName } from './kernel-model';
import { createSimdKernels, isFloat32Exact, type SimdKernels } from './simd-kernels';

/** @internal Kernel function and its coefficients, as libsvm's `svm_parameter`. */
export interface KernelParams {
  kernel: KernelName;
  gamma: number;
  coef0: number;
  degree: number;
}

/**
 * @internal Kernel values of a training set whose samples are grouped by class, computed on demand in
 * blocks `K(x_a, class c)` (one sample against every sample of one class) and kept in an LRU cache with
 * a budget in bytes. One-vs-one subproblem (i, j) needs, for sample a, the blocks (a, i) and (a, j): the
 * block of a against its own class is shared by the K−1 pairs that contain that class, so it is computed
 * once instead of once per pair (libsvm recomputes it for every pair). One-vs-rest machines share all blocks.
 * The samples are copied into WebAssembly memory and the dot products run in wasm SIMD (float64, as
 * libsvm), with a TypeScript fallback where SIMD is unavailable.
 */
export class ClassBlockKernel {
  /** Samples grouped by class, row-major `n × d`. */
  readonly x: Float64Array;
  /**
   * SIMD state: kernels; byte offsets of the rows' copy (float32 when every value is exactly a float32,
   * which halves the memory traffic without changing any product, else float64), of row a widened to
   * float64 (`aOff`, float32 storage only) and of a dot-product scratch of `max(count)` float64 (`outOff`).
   */
  private readonly simd: {
    k: SimdKernels;
    f32: boolean;
    xOff: number;
    aOff: number;
    a: Float64Array;
    outOff: number;
    out: Float64Array;
  } | null;
  readonly n: number;
  readonly d: number;
  /** First row of each class in `x`. */
  readonly start: Int32Array;
  /** Rows of each class. */
  readonly count: Int32Array;
  /** Class index of every row. */
  private readonly rowClass: Int32Array;
  /** `K(x_a, x_a)` for every row. */
  readonly diag: Float64Array;
  private readonly params: KernelParams;
  private readonly norms: Float64Array;
  /** Block storage: `slots` slots of `slotLen` floats each. */
  readonly slab: Float32Array;
  private readonly slotLen: number;
  /** Which slot holds each (row, class) key. */
  private readonly slots: LruSlots;
  /** Kernel evaluations performed (for tests and logging). */
  evaluations = 0;

  constructor(x: Float64Array, d: number, start: Int32Array, count: Int32Array, params: KernelParams, cacheBytes: number) {
    this.d = d;
    this.n = x.length / d;
    this.x = x;
    const maxCount = Math.max(...count);
    const outBytes = ((8 * maxCount + 63) >> 6) << 6;
    const aBytes = ((8 * d + 63) >> 6) << 6;
    const f32 = isFloat32Exact(x);
    const k = createSimdKernels(outBytes + aBytes + (f32 ? 4 : 8) * x.length);
    if (k) {
      const buf = k.memory.buffer;
      const xOff = outBytes + aBytes;
      if (f32) new Float32Array(buf, xOff, x.length).set(x);
      else new Float64Array(buf, xOff, x.length).set(x);
      this.simd = {
        k,
        f32,
        xOff,
        aOff: outBytes,
        a: new Float64Array(buf, outBytes, d),
        outOff: 0,
        out: new Float64Array(buf, 0, maxCount),
      };
    } else this.simd = null;
    this.start = start;
    this.count = count;
    this.params = params;
    this.rowClass = new Int32Array(this.n);
    for (let c = 0; c < start.length; c++) this.rowClass.fill(c, start[c], start[c] + count[c]);
    this.norms = new Float64Array(this.n);
    for (let a = 0; a < this.n; a++) {
      let s = 0;
      for (let f = 0, o = a * d; f < d; f++) s += x[o + f] * x[o + f];
      this.norms[a] = s;
    }
    this.diag = new Float64Array(this.n);
    const { kernel, gamma, coef0, degree } = params;
    for (let a = 0; a < this.n; a++) kernelValues(x, d, this.norms, CODE[kernel], gamma, coef0, degree, a, a, 1, this.diag, a);
    this.slotLen = maxCount;
    const keys = this.n * start.length;
    // At least two slots, at most one per key; the budget counts slot storage.
    const slots = Math.max(2, Math.min(keys, Math.floor(cacheBytes / 4 / this.slotLen)));
    this.slab = new Float32Array(slots * this.slotLen);
    this.slots = new LruSlots(keys, slots);
  }

  /**
   * Offset in {@link ClassBlockKernel.slab} of `K(x_a, x_b)` for every row b of class `c` (`count[c]`
   * values, in class order). Valid until the next call.
   */
  block(a: number, c: number): number {
    const key = a * this.start.length + c;
    let s = this.slots.touch(key);
    if (s < 0) {
      s = this.slots.take();
      this.compute(a, c, s * this.slotLen);
      this.slots.assign(key, s);
    }
    return s * this.slotLen;
  }

  /**
   * Fill `slab[off + k] = K(x_a, x_{start[c] + k})`. Values whose transposed block (b, class of a) is
   * cached are copied from it (K is symmetric), the others are computed in runs.
   */
  private compute(a: number, c: number, off: number): void {
    const { kernel, gamma, coef0, degree } = this.params;
    const { slab, slotLen, x, d, norms } = this;
    const slotOf = this.slots.slotOf;
    const nClass = this.start.length;
    const ca = this.rowClass[a];
    const ia = a - this.start[ca];
    const from = this.start[c];
    const len = this.count[c];
    const code = CODE[kernel];
    let k = 0;
    while (k < len) {
      const t = slotOf[(from + k) * nClass + ca];
      if (t >= 0) {
        slab[off + k] = slab[t * slotLen + ia];
        k++;
        continue;
      }
      let e = k + 1;
      while (e < len && slotOf[(from + e) * nClass + ca] < 0) e++;
      if (this.simd) {
        const { k: wasm, f32, xOff, aOff, outOff, out } = this.simd;
        if (f32) {
          this.simd.a.set(x.subarray(a * d, (a + 1) * d));
          wasm.dotsF32F64(aOff, xOff + 4 * (from + k) * d, e - k, d, outOff);
        } else wasm.dotsF64(xOff + 8 * a * d, xOff + 8 * (from + k) * d, e - k, d, outOff);
        kernelFromDots(out, e - k, norms, code, gamma, coef0, degree, a, from + k, slab, off + k);
      } else kernelValues(x, d, norms, code, gamma, coef0, degree, a, from + k, e - k, slab, off + k);
      this.evaluations += e - k;
      k = e;
    }
  }
}

const CODE: Record<KernelName, number> = { linear: 0, poly: 1, rbf: 2, sigmoid: 3 };

/** libsvm's `Kernel::k_function` of row a against rows from … from + len − 1, written to out[off …]. */
function kernelValues(
  x: Float64Array,
  d: number,
  norms: Float64Array,
  code: number,
  gamma: number,
  coef0: number,
  degree: number,
  a: number,
  from: number,
  len: number,
  out: Float32Array | Float64Array,
  off: number,
): void {
  const oa = a * d;
  const na = norms[a];
  for (let k = 0; k < len; k++) {
    const b = from + k;
    const ob = b * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let f = 0;
    for (; f + 3 < d; f += 4) {
      s0 += x[oa + f] * x[ob + f];
      s1 += x[oa + f + 1] * x[ob + f + 1];
      s2 += x[oa + f + 2] * x[ob + f + 2];
      s3 += x[oa + f + 3] * x[ob + f + 3];
    }
    for (; f < d; f++) s0 += x[oa + f] * x[ob + f];
    const dot = s0 + s1 + s2 + s3;
    out[off + k] =
      code === 2
        ? Math.exp(-gamma * (na + norms[b] - 2 * dot))
        : code === 0
          ? dot
          : code === 1
            ? powi(gamma * dot + coef0, degree)
            : Math.tanh(gamma * dot + coef0);
  }
}

/** The kernel from precomputed dot products `dots[k] = x_a · x_{from + k}`, written to out[off …]. */
function kernelFromDots(
  dots: Float64Array,
  len: number,
  norms: Float64Array,
  code: number,
  gamma: number,
  coef0: number,
  degree: number,
  a: number,
  from: number,
  out: Float32Array,
  off: number,
): void {
  if (code === 2) {
    const na = norms[a];
    for (let k = 0; k < len; k++) out[off + k] = Math.exp(-gamma * (na + norms[from + k] - 2 * dots[k]));
  } else if (code === 0) for (let k = 0; k < len; k++) out[off + k] = dots[k];
  else if (code === 1) for (let k = 0; k < len; k++) out[off + k] = powi(gamma * dots[k] + coef0, degree);
  else for (let k = 0; k < len; k++) out[off + k] = Math.tanh(gamma * dots[k] + coef0);
}

/** x^n for a non-negative integer n by squaring (libsvm's `powi`). */
function powi(base: number, times: number): number {
  let tmp = base;
  let ret = 1;
  for (let t = times; t > 0; t = Math.floor(t / 2)) {
    if (t % 2 === 1) ret *= tmp;
    tmp *= tmp;
  }
  return ret;
}
