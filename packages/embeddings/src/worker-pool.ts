/**
 * Minimal synchronous fork–join over Node worker_threads: typed arrays on SharedArrayBuffers are shared,
 * the calling thread blocks in Atomics.wait, so callers keep a synchronous API. In browsers (no
 * `process.getBuiltinModule`) nothing here is used and callers run on one thread.
 * @internal
 */

/** Typed arrays and numbers a kernel receives. @internal */
export type KernelArgs = Record<string, Float64Array | Float32Array | Int32Array | number>;
/** A self-contained function (no outer references): it is serialised with `toString()` into the workers. @internal */
export type Kernel = (args: KernelArgs, from: number, to: number) => void;

interface WorkerLike {
  unref(): void;
  terminate(): Promise<number>;
}
/** The part of `node:worker_threads` used here. @internal */
export interface WorkerThreadsModule {
  Worker: new (src: string, opts: { eval: true; workerData: unknown }) => WorkerLike;
}

type NodeProcess = { getBuiltinModule?: (id: string) => unknown };

/** `node:worker_threads`, or null outside Node ≥ 20.16 or without SharedArrayBuffer. @internal */
export function loadWorkerThreads(): WorkerThreadsModule | null {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (!proc || typeof proc.getBuiltinModule !== 'function' || typeof SharedArrayBuffer === 'undefined') return null;
  try {
    return (proc.getBuiltinModule('node:worker_threads') as WorkerThreadsModule | undefined) ?? null;
  } catch {
    return null;
  }
}

/** Threads used by default: the machine's parallelism (at most 4) in Node, else 1. @internal */
export function defaultThreads(): number {
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (!proc || typeof proc.getBuiltinModule !== 'function') return 1;
  try {
    const os = proc.getBuiltinModule('node:os') as { availableParallelism?: () => number; cpus: () => unknown[] };
    const p = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    return Math.max(1, Math.min(4, p));
  } catch {
    return 1;
  }
}

/** Copies a typed array onto a SharedArrayBuffer. @internal */
export function toShared<T extends Float64Array | Float32Array | Int32Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const b = new (a.constructor as { new (buf: ArrayBufferLike): T })(new SharedArrayBuffer(a.byteLength));
  b.set(a);
  return b;
}

/**
 * Runs `kernel(args, from, to)` over [0, total) split into `threads` equal chunks, `threads − 1` of them
 * in fresh workers and one on the calling thread; returns when all are done. Typed-array arguments must
 * live on SharedArrayBuffers for results to be visible. Returns false (having done nothing) when
 * workers are unavailable, so the caller can run `kernel(args, 0, total)` itself.
 * @internal
 */
export function parallelFor(kernel: Kernel, args: KernelArgs, total: number, threads: number): boolean {
  const wt = threads > 1 ? loadWorkerThreads() : null;
  if (!wt) return false;
  const ctrl = new Int32Array(new SharedArrayBuffer(8)); // [done, errors]
  const spec: Record<string, { type: string; buffer: ArrayBufferLike; offset: number; length: number } | number> = {};
  for (const [name, v] of Object.entries(args)) {
    spec[name] =
      typeof v === 'number' ? v : { type: v.constructor.name, buffer: v.buffer, offset: v.byteOffset, length: v.length };
  }
  const bounds = (w: number): [number, number] => [Math.floor((w * total) / threads), Math.floor(((w + 1) * total) / threads)];
  const source = `
const { workerData: d } = require('node:worker_threads');
const kernel = ${kernel.toString()};
const ctrl = new Int32Array(d.ctrl);
try {
  const args = {};
  for (const [k, v] of Object.entries(d.spec)) args[k] = typeof v === 'number' ? v : new globalThis[v.type](v.buffer, v.offset, v.length);
  kernel(args, d.from, d.to);
} catch (e) {
  Atomics.add(ctrl, 1, 1);
}
Atomics.add(ctrl, 0, 1);
Atomics.notify(ctrl, 0);
`;
  const workers: WorkerLike[] = [];
  for (let w = 1; w < threads; w++) {
    const [from, to] = bounds(w);
    const worker = new wt.Worker(source, { eval: true, workerData: { spec, ctrl: ctrl.buffer, from, to } });
    worker.unref();
    workers.push(worker);
  }
  const [from, to] = bounds(0);
  kernel(args, from, to);
  let done: number;
  while ((done = Atomics.load(ctrl, 0)) < threads - 1) Atomics.wait(ctrl, 0, done, 1000);
  if (Atomics.load(ctrl, 1) !== 0) throw new Error('parallelFor: a worker failed');
  return true;
}
