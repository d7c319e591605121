import { KERNELS_PLAIN_SIMD, KERNELS_RELAXED_SIMD } from './kernels-wasm.generated';
import { relaxedSimdSupported } from './simd-kernels';

/** What {@link measureSimdPeak} found. */
export interface SimdPeak {
  /** The kernel build measured: 'relaxed' (fused multiply-add) when this engine supports relaxed SIMD. */
  readonly variant: 'relaxed' | 'plain';
  /** Billions of float32 multiply-adds per second on one thread, with no memory traffic. */
  readonly gmacPerSecond: number;
}

const decode = (b64: string): Uint8Array => {
  if (typeof atob === 'function') return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Uint8Array(Buffer.from(b64, 'base64'));
};

/**
 * The wasm engine's ceiling on this machine: the best multiply-add loop of dlkit's kernels (12 independent
 * SIMD chains in registers) timed on the calling thread. Benchmarks print it next to the GMAC/s that
 * training reaches. Takes about `ms` milliseconds (default 300), after a warm-up that lets V8 optimise
 * the loop (its first calls run unoptimised).
 *
 * @example
 * ```ts
 * const { variant, gmacPerSecond } = measureSimdPeak(); // e.g. { variant: 'relaxed', gmacPerSecond: 21.3 }
 * ```
 */
export function measureSimdPeak(options: { variant?: 'relaxed' | 'plain'; ms?: number } = {}): SimdPeak {
  const variant = options.variant ?? (relaxedSimdSupported() ? 'relaxed' : 'plain');
  const bytes = decode(variant === 'relaxed' ? KERNELS_RELAXED_SIMD : KERNELS_PLAIN_SIMD);
  const memory = new WebAssembly.Memory({ initial: 1 });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), { env: { memory, exp: Math.exp } });
  const peak = (instance.exports as { peak(iters: number): number }).peak;
  const turns = 1 << 16;
  for (let i = 0; i < 50; i++) peak(turns);
  let best = 0;
  const until = performance.now() + (options.ms ?? 300);
  while (performance.now() < until) {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) peak(turns);
    const dt = performance.now() - t0;
    if (dt > 0) best = Math.max(best, (20 * turns * 48) / dt / 1e6);
  }
  return { variant, gmacPerSecond: best };
}
