/**
 * @internal WebAssembly SIMD (128-bit) inner loops for the solvers: dot products and axpy over rows that
 * live in one `WebAssembly.Memory`. The module (≈ 1.3 kB) is assembled here from its opcodes, so
 * there is no build step and no binary asset; it is compiled synchronously (small enough for browsers'
 * main-thread limit). Arithmetic is float64 (`f64x2`), float32 inputs are widened exactly, so results
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

// ---- a tiny assembler ----
const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;
const uleb = (v: number): number[] => {
  const out: number[] = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
  return out;
};
const sleb = (v: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
};
const str = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];

const get = (i: number) => [0x20, ...uleb(i)];
const set = (i: number) => [0x21, ...uleb(i)];
const i32c = (v: number) => [0x41, ...sleb(v)];
const I32_ADD = 0x6a;
const I32_AND = 0x71;
const I32_SHL = 0x74;
const I32_GE_U = 0x4f;
const F64_ADD = 0xa0;
const F64_MUL = 0xa2;
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = 0x0b;
const br = (d: number) => [0x0c, d];
const brIf = (d: number) => [0x0d, d];
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const mem = (align: number, offset: number) => [align, ...uleb(offset)];
const v128Load = (offset: number) => simd(0x00, ...mem(4, offset));
const v128Load64Zero = (offset: number) => simd(0x5d, ...mem(3, offset));
const v128Store = (offset: number) => simd(0x0b, ...mem(4, offset));
const F64X2_SPLAT = simd(0x14);
const f64x2Lane = (l: number) => simd(0x21, l);
const F64X2_PROMOTE = simd(0x5f);
const F64X2_ADD = simd(0xf0);
const F64X2_MUL = simd(0xf2);
const f32Load = (offset: number) => [0x2a, ...mem(2, offset)];
const f64Load = (offset: number) => [0x2b, ...mem(3, offset)];
const f64Store = (offset: number) => [0x39, ...mem(3, offset)];
const F64_PROMOTE_F32 = 0xbb;
const zeroV128 = [...[0x44, 0, 0, 0, 0, 0, 0, 0, 0], ...F64X2_SPLAT];

/** Function body: locals (grouped) then code. */
const body = (locals: Array<[number, number]>, code: number[]): number[] => {
  const b = [...vec(locals.map(([n, t]) => [...uleb(n), t])), ...code, END];
  return [...uleb(b.length), ...b];
};
/** `acc += sum of the two lanes` helper: leaves f64 on the stack. */
const hsum = (v: number) => [...get(v), ...f64x2Lane(0), ...get(v), ...f64x2Lane(1), F64_ADD];

/**
 * dotF32F64(x, w, n) → f64. Params 0..2; locals: 3 end8, 4 end, 5..8 acc0..3 (v128), 9 s (f64).
 * Eight elements per iteration in four f64x2 accumulators, then a scalar tail.
 */
function dotF32F64Body(): number[] {
  const [x, w, n, end8, end, s] = [0, 1, 2, 3, 4, 9];
  const acc = [5, 6, 7, 8];
  const code: number[] = [
    ...get(x), ...get(n), ...i32c(-8), I32_AND, ...i32c(2), I32_SHL, I32_ADD, ...set(end8),
    ...get(x), ...get(n), ...i32c(2), I32_SHL, I32_ADD, ...set(end),
    ...acc.flatMap((a) => [...zeroV128, ...set(a)]),
    ...BLOCK, ...LOOP,
    ...get(x), ...get(end8), I32_GE_U, ...brIf(1),
    ...acc.flatMap((a, q) => [
      ...get(a), ...get(x), ...v128Load64Zero(8 * q), ...F64X2_PROMOTE, ...get(w), ...v128Load(16 * q), ...F64X2_MUL, ...F64X2_ADD, ...set(a),
    ]),
    ...get(x), ...i32c(32), I32_ADD, ...set(x),
    ...get(w), ...i32c(64), I32_ADD, ...set(w),
    ...br(0), END, END,
    ...BLOCK, ...LOOP,
    ...get(x), ...get(end), I32_GE_U, ...brIf(1),
    ...get(s), ...get(x), ...f32Load(0), F64_PROMOTE_F32, ...get(w), ...f64Load(0), F64_MUL, F64_ADD, ...set(s),
    ...get(x), ...i32c(4), I32_ADD, ...set(x),
    ...get(w), ...i32c(8), I32_ADD, ...set(w),
    ...br(0), END, END,
    ...get(acc[0]), ...get(acc[1]), ...F64X2_ADD, ...get(acc[2]), ...get(acc[3]), ...F64X2_ADD, ...F64X2_ADD, ...set(acc[0]),
    ...hsum(acc[0]), ...get(s), F64_ADD,
  ];
  return body([[2, I32], [4, V128], [1, F64]], code);
}

/**
 * axpy(a, x, w, n) with f32 (`wide` false) or f64 x. Params 0 a (f64), 1 x, 2 w, 3 n; locals: 4 end4,
 * 5 end, 6 av (v128).
 */
function axpyBody(wide: boolean): number[] {
  const [a, x, w, n, end4, end, av] = [0, 1, 2, 3, 4, 5, 6];
  const sh = wide ? 3 : 2;
  const loadX = (q: number) => (wide ? v128Load(16 * q) : [...v128Load64Zero(8 * q), ...F64X2_PROMOTE]);
  const half = (q: number) => [
    ...get(w), ...get(w), ...v128Load(16 * q), ...get(av), ...get(x), ...loadX(q), ...F64X2_MUL, ...F64X2_ADD, ...v128Store(16 * q),
  ];
  const code: number[] = [
    ...get(x), ...get(n), ...i32c(-4), I32_AND, ...i32c(sh), I32_SHL, I32_ADD, ...set(end4),
    ...get(x), ...get(n), ...i32c(sh), I32_SHL, I32_ADD, ...set(end),
    ...get(a), ...F64X2_SPLAT, ...set(av),
    ...BLOCK, ...LOOP,
    ...get(x), ...get(end4), I32_GE_U, ...brIf(1),
    ...half(0), ...half(1),
    ...get(x), ...i32c(4 << sh), I32_ADD, ...set(x),
    ...get(w), ...i32c(32), I32_ADD, ...set(w),
    ...br(0), END, END,
    ...BLOCK, ...LOOP,
    ...get(x), ...get(end), I32_GE_U, ...brIf(1),
    ...get(w), ...get(w), ...f64Load(0), ...get(a), ...get(x), ...(wide ? f64Load(0) : [...f32Load(0), F64_PROMOTE_F32]), F64_MUL, F64_ADD, ...f64Store(0),
    ...get(x), ...i32c(1 << sh), I32_ADD, ...set(x),
    ...get(w), ...i32c(8), I32_ADD, ...set(w),
    ...br(0), END, END,
  ];
  return body([[2, I32], [1, V128]], code);
}

/** dotF64(x, y, n) → f64. Params 0..2; locals: 3 end8, 4 end, 5..8 acc (v128), 9 s (f64). */
function dotF64Body(): number[] {
  const [x, y, n, end8, end, s] = [0, 1, 2, 3, 4, 9];
  const acc = [5, 6, 7, 8];
  const code: number[] = [
    ...get(x), ...get(n), ...i32c(-8), I32_AND, ...i32c(3), I32_SHL, I32_ADD, ...set(end8),
    ...get(x), ...get(n), ...i32c(3), I32_SHL, I32_ADD, ...set(end),
    ...acc.flatMap((a) => [...zeroV128, ...set(a)]),
    ...BLOCK, ...LOOP,
    ...get(x), ...get(end8), I32_GE_U, ...brIf(1),
    ...acc.flatMap((a, q) => [...get(a), ...get(x), ...v128Load(16 * q), ...get(y), ...v128Load(16 * q), ...F64X2_MUL, ...F64X2_ADD, ...set(a)]),
    ...get(x), ...i32c(64), I32_ADD, ...set(x),
    ...get(y), ...i32c(64), I32_ADD, ...set(y),
    ...br(0), END, END,
    ...BLOCK, ...LOOP,
    ...get(x), ...get(end), I32_GE_U, ...brIf(1),
    ...get(s), ...get(x), ...f64Load(0), ...get(y), ...f64Load(0), F64_MUL, F64_ADD, ...set(s),
    ...get(x), ...i32c(8), I32_ADD, ...set(x),
    ...get(y), ...i32c(8), I32_ADD, ...set(y),
    ...br(0), END, END,
    ...get(acc[0]), ...get(acc[1]), ...F64X2_ADD, ...get(acc[2]), ...get(acc[3]), ...F64X2_ADD, ...F64X2_ADD, ...set(acc[0]),
    ...hsum(acc[0]), ...get(s), F64_ADD,
  ];
  return body([[2, I32], [4, V128], [1, F64]], code);
}

/**
 * dots(a, b, count, d, out): out[k] = dot(row b_k, a) for k < count, rows b_k = b + k·stride. `f32`
 * false: calls function 2 (dotF64) on float64 rows; true: function 0 (dotF32F64) on float32 rows with a
 * float64 (exact widening of the float32 rows: products are exact in float64, so the result equals the
 * float64 computation up to summation order). Locals: 5 stride, 6 endOut.
 */
function dotsBody(f32: boolean): number[] {
  const [a, b, count, d, out, stride, endOut] = [0, 1, 2, 3, 4, 5, 6];
  const code: number[] = [
    ...get(d), ...i32c(f32 ? 2 : 3), I32_SHL, ...set(stride),
    ...get(out), ...get(count), ...i32c(3), I32_SHL, I32_ADD, ...set(endOut),
    ...BLOCK, ...LOOP,
    ...get(out), ...get(endOut), I32_GE_U, ...brIf(1),
    ...get(out), ...(f32 ? [...get(b), ...get(a)] : [...get(a), ...get(b)]), ...get(d), 0x10, ...uleb(f32 ? 0 : 2), ...f64Store(0),
    ...get(b), ...get(stride), I32_ADD, ...set(b),
    ...get(out), ...i32c(8), I32_ADD, ...set(out),
    ...br(0), END, END,
  ];
  return body([[2, I32]], code);
}

/**
 * dotsList(x, list, n, d, out): out[q] = dot(x, list[q], d) for q < n (list: i32 byte offsets of weight
 * vectors), dot being function `callee` (0: f32 rows, 2: f64 rows). Locals: 5 end.
 */
function dotsListBody(callee: number): number[] {
  const [x, list, n, d, out, end] = [0, 1, 2, 3, 4, 5];
  const code: number[] = [
    ...get(list), ...get(n), ...i32c(2), I32_SHL, I32_ADD, ...set(end),
    ...BLOCK, ...LOOP,
    ...get(list), ...get(end), I32_GE_U, ...brIf(1),
    ...get(out), ...get(x), ...get(list), 0x28, ...mem(2, 0), ...get(d), 0x10, ...uleb(callee), ...f64Store(0),
    ...get(list), ...i32c(4), I32_ADD, ...set(list),
    ...get(out), ...i32c(8), I32_ADD, ...set(out),
    ...br(0), END, END,
  ];
  return body([[1, I32]], code);
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  const types = vec([
    [0x60, ...vec([[I32], [I32], [I32]]), ...vec([[F64]])], // 0: (i32 i32 i32) → f64
    [0x60, ...vec([[F64], [I32], [I32], [I32]]), 0], // 1: (f64 i32 i32 i32) → ()
    [0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), 0], // 2: (i32 × 5) → ()
  ]);
  const imports = vec([[...str('env'), ...str('mem'), 0x02, 0x00, 1]]);
  const funcs = vec([[0], [1], [0], [2], [1], [2], [2], [2]]);
  const exports = vec([
    [...str('dotF32F64'), 0, 0],
    [...str('axpyF32F64'), 0, 1],
    [...str('dotF64'), 0, 2],
    [...str('dotsF64'), 0, 3],
    [...str('axpyF64'), 0, 4],
    [...str('dotsListF32F64'), 0, 5],
    [...str('dotsListF64'), 0, 6],
    [...str('dotsF32F64'), 0, 7],
  ]);
  const code = [
    ...uleb(8),
    ...dotF32F64Body(),
    ...axpyBody(false),
    ...dotF64Body(),
    ...dotsBody(false),
    ...axpyBody(true),
    ...dotsListBody(0),
    ...dotsListBody(2),
    ...dotsBody(true),
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, types),
    ...section(2, imports),
    ...section(3, funcs),
    ...section(7, exports),
    ...section(10, code),
  ]);
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly SIMD is unavailable. */
function simdModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = moduleBytes();
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
  return { memory, dotF32F64: e.dotF32F64, axpyF32F64: e.axpyF32F64, axpyF64: e.axpyF64, dotF64: e.dotF64, dotsF64: e.dotsF64, dotsListF32F64: e.dotsListF32F64, dotsListF64: e.dotsListF64, dotsF32F64: e.dotsF32F64 };
}

/** @internal True when every value of `x` is exactly representable as a float32 (rows can then be stored
 * as float32 for {@link SimdKernels.dotsF32F64} without changing any product). */
export function isFloat32Exact(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (Math.fround(x[i]) !== x[i]) return false;
  return true;
}

