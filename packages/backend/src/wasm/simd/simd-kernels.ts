import type { backend_util, TensorInfo } from '@tensorflow/tfjs-core';
import type { WasmBackendLike } from '../wasm-backend-like';
import { KERNELS_PLAIN_SIMD, KERNELS_RELAXED_SIMD } from './kernels-wasm.generated';

/**
 * Which build of kernels.wat runs: chosen by feature detection ('auto'), or forced (tests run both, and
 * 'none', the XNNPACK and JS paths taken when the backend's memory is out of reach).
 */
export const SIMD_VARIANT: { value: 'auto' | 'relaxed' | 'plain' | 'none' } = { value: 'auto' };

/** maxPoolGrad's arguments: tensor addresses, then the pooling geometry (input, output, window, strides, dilations, padding). */
export type PoolGradArgs = [
  x: number,
  dy: number,
  dx: number,
  n: number,
  H: number,
  W: number,
  C: number,
  OH: number,
  OW: number,
  fH: number,
  fW: number,
  sH: number,
  sW: number,
  dH: number,
  dW: number,
  pt: number,
  pl: number,
];

/** The exports of kernels.wat (pointers and strides in bytes, into the wasm backend's memory). */
interface KernelExports {
  gemm(
    m: number,
    n: number,
    k: number,
    a: number,
    ars: number,
    acs: number,
    b: number,
    brs: number,
    bcs: number,
    c: number,
    ldc: number,
    accumulate: number,
    pack: number,
    kc: number,
  ): void;
  peak(iters: number): number;
  addRepeat(big: number, small: number, out: number, n: number, s: number): void;
  subRepeat(big: number, small: number, out: number, n: number, s: number): void;
  rsubRepeat(big: number, small: number, out: number, n: number, s: number): void;
  mulRepeat(big: number, small: number, out: number, n: number, s: number): void;
  biasRelu(y: number, bias: number, rows: number, cols: number, relu: number): void;
  col2im(cols: number, dx: number, ...geometry: ConvGeometry): void;
  im2col(x: number, cols: number, ...geometry: ConvGeometry): void;
  maxPoolGrad(...args: PoolGradArgs): void;
  /** maxPoolGrad for C divisible by 4, with 2·C floats of 16-byte-aligned scratch. */
  maxPoolGradVec(...args: [...PoolGradArgs, scratch: number]): void;
  copyRows(src: number, srcStride: number, dst: number, dstStride: number, rows: number, run: number): void;
  columnSums(src: number, rows: number, cols: number, acc: number): void;
  tanh(src: number, dst: number, n: number): void;
}

/** n, H, W, Ci, OH, OW, KH, KW, sH, sW, dH, dW, padTop, padLeft. */
export type ConvGeometry = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/** The {@link ConvGeometry} of `n` images of a convolution (a slice of its batch), as im2col and col2im take it. */
export function convGeometry(info: backend_util.Conv2DInfo, n: number): ConvGeometry {
  return [
    n,
    info.inHeight,
    info.inWidth,
    info.inChannels,
    info.outHeight,
    info.outWidth,
    info.filterHeight,
    info.filterWidth,
    info.strideHeight,
    info.strideWidth,
    info.dilationHeight,
    info.dilationWidth,
    info.padInfo.top,
    info.padInfo.left,
  ];
}

/**
 * Images per slice of a batch of `batch` whose columns (`floatsPerImage` each) should fit in `sliceFloats`
 * floats: at least one, at most the batch.
 */
export function imagesPerSlice(batch: number, floatsPerImage: number, sliceFloats: number): number {
  return Math.max(1, Math.min(batch, Math.floor(sliceFloats / floatsPerImage)));
}

/** The part of tfjs-backend-wasm's Emscripten module we use; `asm.memory` is its WebAssembly.Memory. */
interface EmscriptenModuleLike {
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}

/** Our kernels, instantiated on one wasm backend's memory, and a scratch block inside that memory. */
export interface SimdKernels {
  readonly variant: 'relaxed' | 'plain';
  readonly exports: KernelExports;
  readonly module: EmscriptenModuleLike;
  scratch: number;
  scratchBytes: number;
}

const decode = (b64: string): Uint8Array => {
  if (typeof atob === 'function') return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Uint8Array(Buffer.from(b64, 'base64'));
};

let relaxedSupported: boolean | undefined;
/** Whether this engine accepts relaxed SIMD (V8 ≥ 11.4: Node 22+, Chrome 114+), by validating our module. */
export function relaxedSimdSupported(): boolean {
  relaxedSupported ??= WebAssembly.validate(decode(KERNELS_RELAXED_SIMD) as BufferSource);
  return relaxedSupported;
}

const compiled = new Map<'relaxed' | 'plain', WebAssembly.Module>();
const instances = new WeakMap<object, Map<'relaxed' | 'plain', SimdKernels | null>>();

/**
 * dlkit's SIMD kernels on this backend's own memory, so they work on tensors in place; null when the
 * backend's memory is not reachable (then callers keep their XNNPACK path). Compiled once (about 2 kB,
 * synchronously: small enough for a browser's main thread), instantiated once per backend and variant.
 */
export function simdKernels(backend: WasmBackendLike): SimdKernels | null {
  if (SIMD_VARIANT.value === 'none') return null;
  const variant = SIMD_VARIANT.value === 'auto' ? (relaxedSimdSupported() ? 'relaxed' : 'plain') : SIMD_VARIANT.value;
  let perBackend = instances.get(backend);
  if (perBackend === undefined) instances.set(backend, (perBackend = new Map()));
  const cached = perBackend.get(variant);
  if (cached !== undefined) return cached;
  const module = (backend as unknown as { wasm?: EmscriptenModuleLike }).wasm;
  const memory = module?.asm?.memory;
  let kernels: SimdKernels | null = null;
  if (module !== undefined && memory instanceof WebAssembly.Memory && typeof module._malloc === 'function') {
    let wasmModule = compiled.get(variant);
    if (wasmModule === undefined) {
      wasmModule = new WebAssembly.Module(
        decode(variant === 'relaxed' ? KERNELS_RELAXED_SIMD : KERNELS_PLAIN_SIMD) as BufferSource,
      );
      compiled.set(variant, wasmModule);
    }
    const instance = new WebAssembly.Instance(wasmModule, { env: { memory, exp: Math.exp } });
    kernels = { variant, exports: instance.exports as unknown as KernelExports, module, scratch: 0, scratchBytes: 0 };
  }
  perBackend.set(variant, kernels);
  return kernels;
}

/** A block of at least `bytes` inside the backend's memory, kept between calls (grown when needed). */
export function scratch(kernels: SimdKernels, bytes: number): number {
  if (kernels.scratchBytes < bytes) {
    if (kernels.scratch !== 0) kernels.module._free(kernels.scratch);
    const size = Math.max(bytes, kernels.scratchBytes * 2);
    const raw = kernels.module._malloc(size + 16);
    if (raw === 0) throw new Error(`dlkit: could not allocate ${size} bytes of kernel scratch space`);
    kernels.scratch = raw;
    kernels.scratchBytes = size;
  }
  return (kernels.scratch + 15) & ~15;
}

/** The byte address of a tensor's data in the backend's memory. */
export function addressOf(backend: WasmBackendLike, t: TensorInfo): number {
  return backend.typedArrayFromHeap(t).byteOffset;
}

/** One operand of {@link gemm}: element (i, j) at `address + 4·(i·rowStride + j·colStride)`. */
export interface MatrixView {
  readonly address: number;
  readonly rowStride: number;
  readonly colStride: number;
}

// Panel depth. Measured (1 thread): products whose A rows are contiguous (im2col columns times filters)
// gain with deep panels (16384×1600·1600×64: 16.3 GMAC/s at 256, 19.0 at 768); with A read transposed
// (a weight gradient, colsᵀ · dy) every row of the panel is another cache line, and 256 is as good as any.
const KC_CONTIGUOUS_A = 768;
const KC_TRANSPOSED_A = 256;
// A last panel shallower than this costs another pass over C and another packing of B for almost no work
// (an MLP's 784 inputs at depth 768 leave 16): such a k is split into equal panels instead (2 × 392 measured
// 5 % faster on 64×784·784×256). Deeper tails keep the measured best depth (convolutions' 1600 → 768+768+64).
const SHALLOW_TAIL = 32;

/** Depth of gemm's packed panels for a product of depth `k`, at most `maxDepth` (see SHALLOW_TAIL). */
export function panelDepth(k: number, maxDepth: number): number {
  const tail = k % maxDepth;
  if (k <= maxDepth || tail === 0 || tail >= SHALLOW_TAIL) return maxDepth;
  const panels = Math.ceil(k / maxDepth);
  return Math.ceil(k / panels / 4) * 4;
}

/**
 * C = A · B (or C += A · B), A [m, k] and B [k, n] read with any strides (a transposed operand is just
 * other strides), C [m, n] row-major with `ldc` floats per row. Packs KC-deep panels of both operands and
 * runs a 4 × 8 register tile of (relaxed) SIMD multiply-adds.
 */
export function gemm(
  kernels: SimdKernels,
  m: number,
  n: number,
  k: number,
  a: MatrixView,
  b: MatrixView,
  c: number,
  ldc: number,
  accumulate: boolean,
): void {
  const kc = panelDepth(k, a.colStride === 1 ? KC_CONTIGUOUS_A : KC_TRANSPOSED_A);
  const packBytes = 4 * (kc * (Math.ceil(n / 8) * 8 + 6) + 48);
  const pack = scratch(kernels, packBytes);
  kernels.exports.gemm(
    m,
    n,
    k,
    a.address,
    4 * a.rowStride,
    4 * a.colStride,
    b.address,
    4 * b.rowStride,
    4 * b.colStride,
    c,
    4 * ldc,
    accumulate ? 1 : 0,
    pack,
    kc,
  );
}
