/**
 * @internal The hot inner loops of the RNN LM over one flat float64 memory.
 *
 * Two engines with the same contract: `wasm` — a tiny hand-assembled WebAssembly module using
 * 128-bit SIMD (f64x2) with register blocking (several rows share each load), about 4× faster than
 * scalar JavaScript; `js` — plain typed-array loops,
 * the fallback where WebAssembly SIMD is unavailable. All offsets are in float64 elements.
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
    const bytes = assemble();
    cachedModule = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    cachedModule = null;
  }
  return cachedModule;
}

// A minimal WebAssembly assembler: just what the four kernels need.
const uleb = (n: number): number[] => {
  const o: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    o.push(b);
  } while (n);
  return o;
};
const sleb = (n: number): number[] => {
  const o: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      o.push(b);
      return o;
    }
    o.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const i32 = (n: number): number[] => [0x41, ...sleb(n)];
const add = [0x6a];
const sub = [0x6b];
const mul = [0x6c];
const ltS = [0x48];
const geS = [0x4e];
const gtS = [0x4a];
const eqz = [0x45];
const f64load = [0x2b, 3, 0];
const f64store = [0x39, 3, 0];
const f64add = [0xa0];
const f64mul = [0xa2];
const f64ne0 = [0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x62];
const vload = [0xfd, 0x00, 3, 0];
const vloadAt = (off: number): number[] => [0xfd, 0x00, 3, ...uleb(off)];
const f64loadAt = (off: number): number[] => [0x2b, 3, ...uleb(off)];
const f64storeAt = (off: number): number[] => [0x39, 3, ...uleb(off)];
const vstore = [0xfd, 0x0b, 3, 0];
const vsplat = [0xfd, 0x14];
const vlane = (l: number): number[] => [0xfd, 0x21, l];
const vadd = [0xfd, ...uleb(0xf0)];
const vmul = [0xfd, ...uleb(0xf2)];
const vzero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
const vsub = [0xfd, ...uleb(0xf1)];
const vdiv = [0xfd, ...uleb(0xf3)];
const vmin = [0xfd, ...uleb(0xf4)];
const vmax = [0xfd, ...uleb(0xf5)];
const vneg = [0xfd, ...uleb(0xed)];
const vnearest = [0xfd, ...uleb(0x94)];
const i64add = [0xfd, ...uleb(0xce)];
const i64shl = [0xfd, ...uleb(0xcb)];
const leS = [0x4c];
const f64max = [0xa5];
const f64div = [0xa3];
const f64bytes = (x: number): number[] => Array.from(new Uint8Array(Float64Array.of(x).buffer));
const vconst = (x: number): number[] => [0xfd, 0x0c, ...f64bytes(x), ...f64bytes(x)];
const vconstI64 = (n: number): number[] => [0xfd, 0x0c, ...Array.from(new Uint8Array(BigInt64Array.of(BigInt(n), BigInt(n)).buffer))];
const LN2_HI = 6.93147180369123816490e-1; // fdlibm's ln2 split: k·LN2_HI is exact for |k| < 2^20
const LN2_LO = 1.90821492927058770002e-10;
const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const loop = (body: number[]): number[] => [0x02, 0x40, 0x03, 0x40, ...body, 0x0c, 0, 0x0b, 0x0b];
const exitIf = (cond: number[]): number[] => [...cond, 0x0d, 1];
const ifThen = (cond: number[], then: number[], otherwise?: number[]): number[] =>
  otherwise ? [...cond, 0x04, 0x40, ...then, 0x05, ...otherwise, 0x0b] : [...cond, 0x04, 0x40, ...then, 0x0b];
const inc = (local: number, by: number): number[] => [...get(local), ...i32(by), ...add, ...set(local)];
const dec = (local: number, by: number): number[] => [...get(local), ...i32(by), ...sub, ...set(local)];

interface Func {
  name: string;
  params: number[];
  results: number[];
  locals: [number, number][];
  body: number[];
}

function assemble(): Uint8Array<ArrayBuffer> {
  // dot(a, b, n) -> f64  (byte pointers)   locals: 3–6 v128 accumulators; 7 f64 sum
  const lanes = (acc: number, off: number): number[] => [
    ...get(acc), ...get(0), 0xfd, 0x00, 3, off, ...get(1), 0xfd, 0x00, 3, off, ...vmul, ...vadd, ...set(acc),
  ];
  const dot: Func = {
    name: 'dot',
    params: [I32, I32, I32],
    results: [F64],
    locals: [
      [4, V128],
      [1, F64],
    ],
    body: [
      ...vzero, ...set(3), ...vzero, ...set(4), ...vzero, ...set(5), ...vzero, ...set(6),
      ...loop([
        ...exitIf([...get(2), ...i32(8), ...ltS]),
        ...lanes(3, 0), ...lanes(4, 16), ...lanes(5, 32), ...lanes(6, 48),
        ...inc(0, 64), ...inc(1, 64), ...dec(2, 8),
      ]),
      ...loop([
        ...exitIf([...get(2), ...i32(2), ...ltS]),
        ...lanes(3, 0),
        ...inc(0, 16), ...inc(1, 16), ...dec(2, 2),
      ]),
      ...get(3), ...get(4), ...vadd, ...get(5), ...get(6), ...vadd, ...vadd, ...set(3),
      ...get(3), ...vlane(0), ...get(3), ...vlane(1), ...f64add, ...set(7),
      ...ifThen(get(2), [...get(7), ...get(0), ...f64load, ...get(1), ...f64load, ...f64mul, ...f64add, ...set(7)]),
      ...get(7),
    ],
  };
  // outBack(M, r0, n, H, g, s, e, alpha, keep)
  // locals: 9 k, 10 row, 11 j, 12 sp, 13 ep, 14 rp (i32); 15 gk, 16 agk, 17 kp, 18 w (v128); 19 gks, 20 agks, 21 ws (f64)
  const outBack: Func = {
    name: 'outBack',
    params: [I32, I32, I32, I32, I32, I32, I32, F64, F64],
    results: [],
    locals: [
      [6, I32],
      [4, V128],
      [3, F64],
    ],
    body: [
      ...get(8), ...vsplat, ...set(17),
      ...get(0), ...get(1), ...get(3), ...mul, ...i32(8), ...mul, ...add, ...set(10),
      ...i32(0), ...set(9),
      ...loop([
        ...exitIf([...get(9), ...get(2), ...geS]),
        ...get(4), ...get(9), ...i32(8), ...mul, ...add, ...f64load, ...set(19),
        ...get(7), ...get(19), ...f64mul, ...set(20),
        ...get(19), ...vsplat, ...set(15),
        ...get(20), ...vsplat, ...set(16),
        ...get(10), ...set(14), ...get(5), ...set(12), ...get(6), ...set(13), ...get(3), ...set(11),
        ...loop([
          ...exitIf([...get(11), ...i32(2), ...ltS]),
          ...get(14), ...vload, ...set(18),
          ...get(13), ...get(13), ...vload, ...get(15), ...get(18), ...vmul, ...vadd, ...vstore,
          ...get(14), ...get(17), ...get(18), ...vmul, ...get(16), ...get(12), ...vload, ...vmul, ...vadd, ...vstore,
          ...inc(14, 16), ...inc(12, 16), ...inc(13, 16), ...dec(11, 2),
        ]),
        ...ifThen(get(11), [
          ...get(14), ...f64load, ...set(21),
          ...get(13), ...get(13), ...f64load, ...get(19), ...get(21), ...f64mul, ...f64add, ...f64store,
          ...get(14), ...get(8), ...get(21), ...f64mul, ...get(20), ...get(12), ...f64load, ...f64mul, ...f64add, ...f64store,
        ]),
        ...get(10), ...get(3), ...i32(8), ...mul, ...add, ...set(10),
        ...inc(9, 1),
      ]),
    ],
  };
  // dotRows4(M, r0, n, H, s, out): four rows at a time share every load of s (rnnlm blocks 8 rows).
  // locals: 6 k, 7 row, 8 rb, 9–12 p0–p3, 13 sp, 14 cnt, 15 o (i32); 16–19 a0–a3, 20 sv (v128); 21 f (f64)
  const fma4 = (off: number): number[] => [
    ...get(13), ...vloadAt(off), ...set(20),
    ...[0, 1, 2, 3].flatMap((r) => [...get(16 + r), ...get(9 + r), ...vloadAt(off), ...get(20), ...vmul, ...vadd, ...set(16 + r)]),
  ];
  const dotRows4: Func = {
    name: 'dotRows4',
    params: [I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [
      [10, I32],
      [5, V128],
      [1, F64],
    ],
    body: [
      ...get(3), ...i32(8), ...mul, ...set(8),
      ...get(0), ...get(1), ...get(8), ...mul, ...add, ...set(7),
      ...i32(0), ...set(6), ...get(5), ...set(15),
      ...loop([
        ...exitIf([...get(6), ...i32(4), ...add, ...get(2), ...gtS]),
        ...get(7), ...set(9), ...get(9), ...get(8), ...add, ...set(10),
        ...get(10), ...get(8), ...add, ...set(11), ...get(11), ...get(8), ...add, ...set(12),
        ...get(4), ...set(13), ...get(3), ...set(14),
        ...vzero, ...set(16), ...vzero, ...set(17), ...vzero, ...set(18), ...vzero, ...set(19),
        ...loop([
          ...exitIf([...get(14), ...i32(4), ...ltS]),
          ...fma4(0), ...fma4(16),
          ...inc(9, 32), ...inc(10, 32), ...inc(11, 32), ...inc(12, 32), ...inc(13, 32), ...dec(14, 4),
        ]),
        ...ifThen([...get(14), ...i32(2), ...geS], [
          ...fma4(0),
          ...inc(9, 16), ...inc(10, 16), ...inc(11, 16), ...inc(12, 16), ...inc(13, 16), ...dec(14, 2),
        ]),
        ...[0, 1, 2, 3].flatMap((r) => [
          ...get(16 + r), ...vlane(0), ...get(16 + r), ...vlane(1), ...f64add, ...set(21),
          ...ifThen(get(14), [...get(21), ...get(9 + r), ...f64load, ...get(13), ...f64load, ...f64mul, ...f64add, ...set(21)]),
          ...get(15), ...get(21), ...f64storeAt(8 * r),
        ]),
        ...inc(15, 32),
        ...get(7), ...get(8), ...i32(4), ...mul, ...add, ...set(7),
        ...inc(6, 4),
      ]),
      ...loop([
        ...exitIf([...get(6), ...get(2), ...geS]),
        ...get(15), ...get(7), ...get(4), ...get(3), 0x10, 0, ...f64store,
        ...inc(15, 8), ...get(7), ...get(8), ...add, ...set(7), ...inc(6, 1),
      ]),
    ],
  };
  // outBack2(M, r0, n, H, g, s, e, alpha, keep) for an even n: two rows share the loads of e and s.
  // locals: 9 k, 10 row, 11 rb, 12 p0, 13 p1, 14 sp, 15 ep, 16 cnt (i32);
  //         17 g0v, 18 g1v, 19 ag0v, 20 ag1v, 21 kv, 22 w0, 23 w1, 24 sv (v128); 25 g0, 26 g1, 27 w0s, 28 w1s (f64)
  const outBack2: Func = {
    name: 'outBack2',
    params: [I32, I32, I32, I32, I32, I32, I32, F64, F64],
    results: [],
    locals: [
      [8, I32],
      [8, V128],
      [4, F64],
    ],
    body: [
      ...get(8), ...vsplat, ...set(21),
      ...get(3), ...i32(8), ...mul, ...set(11),
      ...get(0), ...get(1), ...get(11), ...mul, ...add, ...set(10),
      ...i32(0), ...set(9),
      ...loop([
        ...exitIf([...get(9), ...i32(2), ...add, ...get(2), ...gtS]),
        ...get(4), ...get(9), ...i32(8), ...mul, ...add, ...f64load, ...set(25),
        ...get(4), ...get(9), ...i32(8), ...mul, ...add, ...f64loadAt(8), ...set(26),
        ...get(25), ...vsplat, ...set(17), ...get(26), ...vsplat, ...set(18),
        ...get(7), ...get(25), ...f64mul, ...vsplat, ...set(19),
        ...get(7), ...get(26), ...f64mul, ...vsplat, ...set(20),
        ...get(10), ...set(12), ...get(10), ...get(11), ...add, ...set(13),
        ...get(5), ...set(14), ...get(6), ...set(15), ...get(3), ...set(16),
        ...loop([
          ...exitIf([...get(16), ...i32(2), ...ltS]),
          ...get(12), ...vload, ...set(22), ...get(13), ...vload, ...set(23), ...get(14), ...vload, ...set(24),
          ...get(15), ...get(15), ...vload, ...get(17), ...get(22), ...vmul, ...get(18), ...get(23), ...vmul, ...vadd, ...vadd, ...vstore,
          ...get(12), ...get(21), ...get(22), ...vmul, ...get(19), ...get(24), ...vmul, ...vadd, ...vstore,
          ...get(13), ...get(21), ...get(23), ...vmul, ...get(20), ...get(24), ...vmul, ...vadd, ...vstore,
          ...inc(12, 16), ...inc(13, 16), ...inc(14, 16), ...inc(15, 16), ...dec(16, 2),
        ]),
        ...ifThen(get(16), [
          ...get(12), ...f64load, ...set(27), ...get(13), ...f64load, ...set(28),
          ...get(15), ...get(15), ...f64load, ...get(25), ...get(27), ...f64mul, ...get(26), ...get(28), ...f64mul, ...f64add, ...f64add, ...f64store,
          ...get(12), ...get(8), ...get(27), ...f64mul, ...get(7), ...get(25), ...f64mul, ...get(14), ...f64load, ...f64mul, ...f64add, ...f64store,
          ...get(13), ...get(8), ...get(28), ...f64mul, ...get(7), ...get(26), ...f64mul, ...get(14), ...f64load, ...f64mul, ...f64add, ...f64store,
        ]),
        ...get(10), ...get(11), ...i32(2), ...mul, ...add, ...set(10),
        ...inc(9, 2),
      ]),
    ],
  };
  // recProp(W, H, d, ep): ep += Σ_j d[j]·W[j] (the error reaching s(t−1)); rows in pairs share ep's loads.
  // locals: 4 j, 5 w0, 6 w1, 7 y, 8 cnt, 9 rb (i32); 10 d0v, 11 d1v (v128); 12 d0, 13 d1 (f64)
  const recProp: Func = {
    name: 'recProp',
    params: [I32, I32, I32, I32],
    results: [],
    locals: [
      [6, I32],
      [2, V128],
      [2, F64],
    ],
    body: [
      ...get(1), ...i32(8), ...mul, ...set(9),
      ...i32(0), ...set(4), ...get(0), ...set(5),
      ...loop([
        ...exitIf([...get(4), ...i32(2), ...add, ...get(1), ...gtS]),
        ...get(2), ...get(4), ...i32(8), ...mul, ...add, ...f64load, ...set(12),
        ...get(2), ...get(4), ...i32(8), ...mul, ...add, ...f64loadAt(8), ...set(13),
        ...get(12), ...vsplat, ...set(10), ...get(13), ...vsplat, ...set(11),
        ...get(5), ...get(9), ...add, ...set(6), ...get(3), ...set(7), ...get(1), ...set(8),
        ...loop([
          ...exitIf([...get(8), ...i32(2), ...ltS]),
          ...get(7), ...get(7), ...vload, ...get(10), ...get(5), ...vload, ...vmul, ...get(11), ...get(6), ...vload, ...vmul, ...vadd, ...vadd, ...vstore,
          ...inc(5, 16), ...inc(6, 16), ...inc(7, 16), ...dec(8, 2),
        ]),
        ...ifThen(get(8), [
          ...get(7), ...get(7), ...f64load, ...get(12), ...get(5), ...f64load, ...f64mul, ...get(13), ...get(6), ...f64load, ...f64mul, ...f64add, ...f64add, ...f64store,
          ...inc(6, 8),
        ]),
        ...get(6), ...set(5),
        ...inc(4, 2),
      ]),
      // An odd last row.
      ...ifThen([...get(4), ...get(1), ...ltS], [
        ...get(2), ...get(4), ...i32(8), ...mul, ...add, ...f64load, ...set(12),
        ...get(12), ...vsplat, ...set(10),
        ...get(3), ...set(7), ...get(1), ...set(8),
        ...loop([
          ...exitIf([...get(8), ...i32(2), ...ltS]),
          ...get(7), ...get(7), ...vload, ...get(10), ...get(5), ...vload, ...vmul, ...vadd, ...vstore,
          ...inc(5, 16), ...inc(7, 16), ...dec(8, 2),
        ]),
        ...ifThen(get(8), [
          ...get(7), ...get(7), ...f64load, ...get(12), ...get(5), ...f64load, ...f64mul, ...f64add, ...f64store,
        ]),
      ]),
    ],
  };
  // recGrad(W, D, SP, H, K, keep, alpha): W[j][i] ← keep·W[j][i] + alpha·Σ_{s<K} D[s][j]·SP[s][i], the
  // recurrent update of a whole BPTT block in one pass over W (D, SP: K×H, step-major). Columns go in
  // chunks of 8 with 4 register accumulators, then pairs, then an odd last column.
  // locals: 7 j, 8 wrow, 9 i, 10 s, 11 dp, 12 spp, 13 rb (i32); 14–17 acc, 18 dv, 19 kv, 20 av (v128); 21 accS (f64)
  const sumSteps = (body: number[]): number[] => [
    ...i32(0), ...set(10), ...get(1), ...get(7), ...i32(8), ...mul, ...add, ...set(11), ...get(2), ...get(9), ...add, ...set(12),
    ...loop([...exitIf([...get(10), ...get(4), ...geS]), ...body, ...get(11), ...get(13), ...add, ...set(11), ...get(12), ...get(13), ...add, ...set(12), ...inc(10, 1)]),
  ];
  const recGrad: Func = {
    name: 'recGrad',
    params: [I32, I32, I32, I32, I32, F64, F64],
    results: [],
    locals: [
      [7, I32],
      [7, V128],
      [1, F64],
    ],
    body: [
      ...get(3), ...i32(8), ...mul, ...set(13),
      ...get(5), ...vsplat, ...set(19), ...get(6), ...vsplat, ...set(20),
      ...i32(0), ...set(7), ...get(0), ...set(8),
      ...loop([
        ...exitIf([...get(7), ...get(3), ...geS]),
        ...i32(0), ...set(9),
        ...loop([
          ...exitIf([...get(9), ...i32(64), ...add, ...get(13), ...gtS]),
          ...vzero, ...set(14), ...vzero, ...set(15), ...vzero, ...set(16), ...vzero, ...set(17),
          ...sumSteps([
            ...get(11), ...f64load, ...vsplat, ...set(18),
            ...[0, 1, 2, 3].flatMap((k) => [...get(14 + k), ...get(18), ...get(12), ...vloadAt(16 * k), ...vmul, ...vadd, ...set(14 + k)]),
          ]),
          ...[0, 1, 2, 3].flatMap((k) => [
            ...get(8), ...get(9), ...add,
            ...get(19), ...get(8), ...get(9), ...add, ...vloadAt(16 * k), ...vmul, ...get(20), ...get(14 + k), ...vmul, ...vadd,
            0xfd, 0x0b, 3, ...uleb(16 * k),
          ]),
          ...inc(9, 64),
        ]),
        ...loop([
          ...exitIf([...get(9), ...i32(16), ...add, ...get(13), ...gtS]),
          ...vzero, ...set(14),
          ...sumSteps([...get(14), ...get(11), ...f64load, ...vsplat, ...get(12), ...vload, ...vmul, ...vadd, ...set(14)]),
          ...get(8), ...get(9), ...add,
          ...get(19), ...get(8), ...get(9), ...add, ...vload, ...vmul, ...get(20), ...get(14), ...vmul, ...vadd, ...vstore,
          ...inc(9, 16),
        ]),
        ...ifThen([...get(9), ...get(13), ...ltS], [
          0x44, 0, 0, 0, 0, 0, 0, 0, 0, ...set(21),
          ...sumSteps([...get(21), ...get(11), ...f64load, ...get(12), ...f64load, ...f64mul, ...f64add, ...set(21)]),
          ...get(8), ...get(9), ...add,
          ...get(5), ...get(8), ...get(9), ...add, ...f64load, ...f64mul, ...get(6), ...get(21), ...f64mul, ...f64add, ...f64store,
        ]),
        ...get(8), ...get(13), ...add, ...set(8),
        ...inc(7, 1),
      ]),
    ],
  };
  // Vectorised exp for f64x2, leaving exp(X) on the stack: clamp to [−708, 709], k = round(x·log₂e),
  // r = x − k·ln2 (Cody–Waite, two parts), exp(r) by its degree-12 Taylor polynomial (|r| ≤ 0.347:
  // truncation < 2e-16 relative), times 2^k built from the bits ((k + 1023) << 52).
  const vexp = (X: number, K: number, R: number): number[] => {
    const horner: number[] = [...vconst(1 / factorial(12))];
    for (let i = 11; i >= 0; i--) horner.push(...get(R), ...vmul, ...vconst(1 / factorial(i)), ...vadd);
    return [
      ...get(X), ...vconst(-708), ...vmax, ...vconst(709), ...vmin, ...set(X),
      ...get(X), ...vconst(Math.LOG2E), ...vmul, ...vnearest, ...set(K),
      ...get(X), ...get(K), ...vconst(LN2_HI), ...vmul, ...vsub, ...get(K), ...vconst(LN2_LO), ...vmul, ...vsub, ...set(R),
      ...horner,
      ...get(K), ...vconst(6755399441055744), ...vadd, ...vconstI64(1023), ...i64add, ...i32(52), ...i64shl,
      ...vmul,
    ];
  };
  // sigmoid(a, u, s, H): s = 1 / (1 + exp(−clamp(a + u, ±50))) — pairs; an odd H computes one padding lane.
  // locals: 4 cnt (i32); 5 X, 6 K, 7 R (v128)
  const sigmoid: Func = {
    name: 'sigmoid',
    params: [I32, I32, I32, I32],
    results: [],
    locals: [
      [1, I32],
      [3, V128],
    ],
    body: [
      ...get(3), ...set(4),
      ...loop([
        ...exitIf([...get(4), ...i32(0), ...leS]),
        ...get(0), ...vload, ...get(1), ...vload, ...vadd, ...vconst(-50), ...vmax, ...vconst(50), ...vmin, ...vneg, ...set(5),
        ...get(2), ...vconst(1), ...vexp(5, 6, 7), ...vconst(1), ...vadd, ...vdiv, ...vstore,
        ...inc(0, 16), ...inc(1, 16), ...inc(2, 16), ...dec(4, 2),
      ]),
    ],
  };
  // softmax(out, n): out ← exp(out − max) / Σ, in place; an odd n leaves the padding lane alone.
  // locals: 2 p, 3 cnt (i32); 4 X, 5 K, 6 R, 7 M, 8 S (v128); 9 m, 10 sum (f64)
  const softmax: Func = {
    name: 'softmax',
    params: [I32, I32],
    results: [],
    locals: [
      [2, I32],
      [5, V128],
      [2, F64],
    ],
    body: [
      0x44, ...f64bytes(-Infinity), ...set(9),
      ...get(0), ...set(2), ...get(1), ...set(3),
      ...loop([
        ...exitIf([...get(3), ...i32(0), ...leS]),
        ...get(9), ...get(2), ...f64load, ...f64max, ...set(9),
        ...inc(2, 8), ...dec(3, 1),
      ]),
      ...get(9), ...vsplat, ...set(7), ...vzero, ...set(8),
      ...get(0), ...set(2), ...get(1), ...set(3),
      ...loop([
        ...exitIf([...get(3), ...i32(2), ...ltS]),
        ...get(2), ...vload, ...get(7), ...vsub, ...set(4),
        ...get(2), ...vexp(4, 5, 6), ...set(4), ...get(4), ...vstore,
        ...get(8), ...get(4), ...vadd, ...set(8),
        ...inc(2, 16), ...dec(3, 2),
      ]),
      ...get(8), ...vlane(0), ...get(8), ...vlane(1), ...f64add, ...set(10),
      ...ifThen(get(3), [
        ...get(2), ...f64load, ...vsplat, ...get(7), ...vsub, ...set(4),
        ...get(2), ...vexp(4, 5, 6), ...vlane(0), ...set(9), ...get(9), ...f64store,
        ...get(10), ...get(9), ...f64add, ...set(10),
      ]),
      0x44, ...f64bytes(1), ...get(10), ...f64div, ...vsplat, ...set(7),
      ...get(0), ...set(2), ...get(1), ...set(3),
      ...loop([
        ...exitIf([...get(3), ...i32(2), ...ltS]),
        ...get(2), ...get(2), ...vload, ...get(7), ...vmul, ...vstore,
        ...inc(2, 16), ...dec(3, 2),
      ]),
      ...ifThen(get(3), [...get(2), ...get(2), ...f64load, ...get(7), ...vlane(0), ...f64mul, ...f64store]),
    ],
  };
  const funcs = [dot, dotRows4, outBack, outBack2, recProp, recGrad, sigmoid, softmax];
  const types = funcs.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const codes = funcs.map((f) => {
    const body = [...vec(f.locals.map(([c, t]) => [...uleb(c), t])), ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(7, vec(funcs.slice(1).map((f, i) => [...name(f.name), 0x00, ...uleb(i + 1)]))),
    ...section(10, vec(codes)),
  ]);
}

/** True when the WebAssembly SIMD engine can run here. */
export function wasmAvailable(): boolean {
  return wasmModule() !== null;
}
