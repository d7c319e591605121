import { LRN_SIMD } from './simd/lrn-wasm.generated';
import { SIMD_VARIANT } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

/** The exports of lrn.wat (pointers in bytes, into the wasm backend's memory). */
export interface LrnExports {
  lrn(
    x: number,
    y: number,
    pixels: number,
    channels: number,
    radius: number,
    bias: number,
    alpha: number,
    beta: number,
    mode: number,
    scratch: number,
  ): void;
  lrnGrad(
    x: number,
    y: number,
    dy: number,
    dx: number,
    pixels: number,
    channels: number,
    radius: number,
    bias: number,
    alpha: number,
    beta: number,
    mode: number,
    scratch: number,
  ): void;
}

/** The part of tfjs-backend-wasm's Emscripten module used here; `asm.memory` is its WebAssembly.Memory. */
interface EmscriptenModuleLike {
  asm?: { memory?: WebAssembly.Memory };
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}

/** lrn.wat instantiated on one wasm backend's memory, with that backend's allocator for scratch space. */
export interface LrnKernels {
  readonly exports: LrnExports;
  readonly module: EmscriptenModuleLike;
}

const decode = (b64: string): Uint8Array => {
  if (typeof atob === 'function') return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Uint8Array(Buffer.from(b64, 'base64'));
};

let compiled: WebAssembly.Module | undefined;
const instances = new WeakMap<object, LrnKernels | null>();

/**
 * The LRN kernels on this backend's own memory, so they work on tensors in place; null when dlkit's SIMD
 * kernels are switched off (`SIMD_VARIANT.value === 'none'`) or the backend's memory is out of reach (then
 * the backend's own LRN kernels run). Compiled once, instantiated once per backend.
 */
export function lrnKernels(backend: WasmBackendLike): LrnKernels | null {
  if (SIMD_VARIANT.value === 'none') return null;
  const cached = instances.get(backend);
  if (cached !== undefined) return cached;
  const module = (backend as unknown as { wasm?: EmscriptenModuleLike }).wasm;
  const memory = module?.asm?.memory;
  let kernels: LrnKernels | null = null;
  if (module !== undefined && memory instanceof WebAssembly.Memory && typeof module._malloc === 'function') {
    compiled ??= new WebAssembly.Module(decode(LRN_SIMD) as BufferSource);
    const instance = new WebAssembly.Instance(compiled, { env: { memory, pow: Math.pow } });
    kernels = { exports: instance.exports as unknown as LrnExports, module };
  }
  instances.set(backend, kernels);
  return kernels;
}

/**
 * lrn.wat's code for N^(−β): square-root forms for the exponents LRN networks use (AlexNet and the TensorFlow
 * CIFAR-10 tutorial: 0.75), float64 exp/log polynomials for any other (Math.pow for lanes out of their range).
 */
export function betaMode(beta: number): 0 | 1 | 2 | 3 {
  if (beta === 0.5) return 1;
  if (beta === 0.75) return 2;
  if (beta === 1) return 3;
  return 0;
}

/** Runs `body` with `float64s` float64 of scratch space in the backend's memory (8-byte aligned), then frees it. */
export function withScratch<T>(kernels: LrnKernels, float64s: number, body: (address: number) => T): T {
  const raw = kernels.module._malloc(8 * float64s + 8);
  if (raw === 0) throw new Error(`dlkit: could not allocate ${8 * float64s} bytes of LRN scratch space`);
  try {
    return body((raw + 7) & ~7);
  } finally {
    kernels.module._free(raw);
  }
}
