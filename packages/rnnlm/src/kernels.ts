/**
 * @internal The hot inner loops of the RNN LM over one flat float64 memory.
 *
 * Two engines with the same contract: `wasm` — a tiny hand-assembled WebAssembly module using
 * 128-bit SIMD (f64x2), about 3–4× faster than scalar JavaScript; `js` — plain typed-array loops,
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
  /** For every row j of the H×H matrix W: ep += d[j]·W[j]; gW[j] += d[j]·sp. */
  recBack(W: number, gW: number, H: number, d: number, sp: number, ep: number): void;
  /** W ← keep·W + alpha·gW; gW ← 0 over n elements. */
  applyGrad(W: number, gW: number, n: number, keep: number, alpha: number): void;
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
    recBack(W, gW, H, d, sp, ep) {
      for (let j = 0; j < H; j++) {
        const dj = mem[d + j];
        if (dj === 0) continue;
        const off = j * H;
        for (let i = 0; i < H; i++) {
          mem[ep + i] += dj * mem[W + off + i];
          mem[gW + off + i] += dj * mem[sp + i];
        }
      }
    },
    applyGrad(W, gW, n, keep, alpha) {
      for (let i = 0; i < n; i++) {
        mem[W + i] = keep * mem[W + i] + alpha * mem[gW + i];
        mem[gW + i] = 0;
      }
    },
  };
}

// ---------------------------------------------------------------- WebAssembly engine

interface WasmExports {
  dotRows(M: number, r0: number, n: number, H: number, s: number, out: number): void;
  outBack(M: number, r0: number, n: number, H: number, g: number, s: number, e: number, alpha: number, keep: number): void;
  recBack(W: number, gW: number, H: number, d: number, sp: number, ep: number): void;
  applyGrad(W: number, gW: number, n: number, keep: number, alpha: number): void;
}

function wasmKernels(mod: WebAssembly.Module, doubles: number): Kernels {
  const pages = Math.max(1, Math.ceil((doubles * 8) / 65536));
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const x = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as WasmExports;
  const mem = new Float64Array(memory.buffer, 0, doubles);
  return {
    engine: 'wasm',
    mem,
    dotRows: (M, r0, n, H, s, out) => x.dotRows(M * 8, r0, n, H, s * 8, out * 8),
    outBack: (M, r0, n, H, g, s, e, alpha, keep) => x.outBack(M * 8, r0, n, H, g * 8, s * 8, e * 8, alpha, keep),
    recBack: (W, gW, H, d, sp, ep) => x.recBack(W * 8, gW * 8, H, d * 8, sp * 8, ep * 8),
    applyGrad: (W, gW, n, keep, alpha) => x.applyGrad(W * 8, gW * 8, n, keep, alpha),
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
const eqz = [0x45];
const f64load = [0x2b, 3, 0];
const f64store = [0x39, 3, 0];
const f64add = [0xa0];
const f64mul = [0xa2];
const f64ne0 = [0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0x62];
const vload = [0xfd, 0x00, 3, 0];
const vstore = [0xfd, 0x0b, 3, 0];
const vsplat = [0xfd, 0x14];
const vlane = (l: number): number[] => [0xfd, 0x21, l];
const vadd = [0xfd, ...uleb(0xf0)];
const vmul = [0xfd, ...uleb(0xf2)];
const vzero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
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
  // 0: dot(a, b, n) -> f64  (byte pointers)   locals: 3–6 v128 accumulators; 7 f64 sum
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
  // 1: dotRows(M, r0, n, H, s, out)   locals: 6 k, 7 row, 8 rowBytes
  const dotRows: Func = {
    name: 'dotRows',
    params: [I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [[3, I32]],
    body: [
      ...get(3), ...i32(8), ...mul, ...set(8),
      ...get(0), ...get(1), ...get(8), ...mul, ...add, ...set(7),
      ...i32(0), ...set(6),
      ...loop([
        ...exitIf([...get(6), ...get(2), ...geS]),
        ...get(5), ...get(6), ...i32(8), ...mul, ...add,
        ...get(7), ...get(4), ...get(3), 0x10, 0,
        ...f64store,
        ...get(7), ...get(8), ...add, ...set(7),
        ...inc(6, 1),
      ]),
    ],
  };
  // 2: outBack(M, r0, n, H, g, s, e, alpha, keep)
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
  // 3: recBack(W, gW, H, d, sp, ep)
  // locals: 6 j, 7 wp, 8 gp, 9 xp, 10 yp, 11 i (i32); 12 dj (f64); 13 dv (v128)
  const recBack: Func = {
    name: 'recBack',
    params: [I32, I32, I32, I32, I32, I32],
    results: [],
    locals: [
      [6, I32],
      [1, F64],
      [1, V128],
    ],
    body: [
      ...i32(0), ...set(6), ...get(0), ...set(7), ...get(1), ...set(8),
      ...loop([
        ...exitIf([...get(6), ...get(2), ...geS]),
        ...get(3), ...get(6), ...i32(8), ...mul, ...add, ...f64load, ...set(12),
        ...ifThen(
          [...get(12), ...f64ne0],
          [
            ...get(12), ...vsplat, ...set(13),
            ...get(4), ...set(9), ...get(5), ...set(10), ...get(2), ...set(11),
            ...loop([
              ...exitIf([...get(11), ...i32(2), ...ltS]),
              ...get(10), ...get(10), ...vload, ...get(13), ...get(7), ...vload, ...vmul, ...vadd, ...vstore,
              ...get(8), ...get(8), ...vload, ...get(13), ...get(9), ...vload, ...vmul, ...vadd, ...vstore,
              ...inc(7, 16), ...inc(8, 16), ...inc(9, 16), ...inc(10, 16), ...dec(11, 2),
            ]),
            ...ifThen(get(11), [
              ...get(10), ...get(10), ...f64load, ...get(12), ...get(7), ...f64load, ...f64mul, ...f64add, ...f64store,
              ...get(8), ...get(8), ...f64load, ...get(12), ...get(9), ...f64load, ...f64mul, ...f64add, ...f64store,
              ...inc(7, 8), ...inc(8, 8),
            ]),
          ],
          [
            ...get(7), ...get(2), ...i32(8), ...mul, ...add, ...set(7),
            ...get(8), ...get(2), ...i32(8), ...mul, ...add, ...set(8),
          ],
        ),
        ...inc(6, 1),
      ]),
    ],
  };
  // 4: applyGrad(W, gW, n, keep, alpha)   locals: 5 kv, 6 av (v128)
  const applyGrad: Func = {
    name: 'applyGrad',
    params: [I32, I32, I32, F64, F64],
    results: [],
    locals: [[2, V128]],
    body: [
      ...get(3), ...vsplat, ...set(5), ...get(4), ...vsplat, ...set(6),
      ...loop([
        ...exitIf([...get(2), ...i32(2), ...ltS]),
        ...get(0), ...get(5), ...get(0), ...vload, ...vmul, ...get(6), ...get(1), ...vload, ...vmul, ...vadd, ...vstore,
        ...get(1), ...vzero, ...vstore,
        ...inc(0, 16), ...inc(1, 16), ...dec(2, 2),
      ]),
      ...ifThen(get(2), [
        ...get(0), ...get(3), ...get(0), ...f64load, ...f64mul, ...get(4), ...get(1), ...f64load, ...f64mul, ...f64add, ...f64store,
        ...get(1), 0x44, 0, 0, 0, 0, 0, 0, 0, 0, ...f64store,
      ]),
    ],
  };
  const funcs = [dot, dotRows, outBack, recBack, applyGrad];
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
