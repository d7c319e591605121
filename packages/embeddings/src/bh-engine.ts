import type { SparseMatrix } from './affinities';
import {
  attractionKernel,
  barnesHutGradient,
  combineGradient,
  createBHWorkspace,
  prepareTree,
  repulsionKernel,
  type BHWorkspace,
} from './barnes-hut';
import { loadWorkerThreads } from './worker-pool';

type WorkerLike = { unref(): void; terminate(): Promise<number> };

/** Computes Barnes–Hut gradients, on one thread or several. @internal */
export interface BHEngine {
  /** Threads actually used (1 when workers are unavailable). */
  readonly threads: number;
  /** Embedding buffer to optimise in place (shared with workers in parallel mode). */
  readonly Y: Float64Array;
  gradient(grad: Float64Array, computeError: boolean): number;
  /** Multiplies P by `factor` (early exaggeration). */
  scaleP(factor: number): void;
  /** Stops the workers. Idempotent. */
  dispose(): void;
}

const CTRL_GEN = 0;
const CTRL_DONE = 1;
const CTRL_STOP = 2;
const CTRL_ERROR = 3;
const CTRL_READY = 4;

/**
 * Creates a gradient engine. With `threads > 1` in Node (worker_threads available through
 * `process.getBuiltinModule`), the repulsion and attraction loops are split across `threads − 1`
 * workers plus the calling thread, which synchronise through SharedArrayBuffer + Atomics, so the API
 * stays synchronous. Elsewhere (browsers, older Node) it silently runs on one thread. @internal
 */
export function createBHEngine(P: SparseMatrix, Y0: Float64Array, theta: number, threads: number): BHEngine {
  const n = P.n;
  const wt = threads > 1 ? loadWorkerThreads() : null;
  if (!wt) return serialEngine(P, Y0, theta);
  const alloc = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
  const share = <T extends Float64Array | Int32Array>(a: T): T => {
    const b = new (a.constructor as { new (buf: ArrayBufferLike): T })(alloc(a.byteLength));
    b.set(a);
    return b;
  };
  const Y = share(Y0);
  const SP: SparseMatrix = { n, rowPtr: share(P.rowPtr), colIdx: share(P.colIdx), values: share(P.values) };
  const ws = createBHWorkspace(n, alloc);
  const nWorkers = threads - 1;
  const ctrl = new Int32Array(alloc(4 * 8));
  const params = new Float64Array(alloc(8 * 4)); // theta², unused
  const parts = new Float64Array(alloc(8 * threads));
  params[0] = theta * theta;
  const workers: WorkerLike[] = [];
  for (let w = 1; w <= nWorkers; w++) {
    const worker = new wt.Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        w,
        threads,
        n,
        ctrl: ctrl.buffer,
        params: params.buffer,
        parts: parts.buffer,
        Y: Y.buffer,
        rowPtr: SP.rowPtr.buffer,
        colIdx: SP.colIdx.buffer,
        values: SP.values.buffer,
        packed: ws.packed.buffer,
        kids: ws.kids.buffer,
        order: ws.order.buffer,
        neg: ws.neg.buffer,
        pos: ws.pos.buffer,
      },
    });
    worker.unref();
    workers.push(worker);
  }
  // Wait (bounded) for the workers to start; fall back to one thread if they do not.
  const deadline = Date.now() + 20000;
  let ready: number;
  while ((ready = Atomics.load(ctrl, CTRL_READY)) < nWorkers && Date.now() < deadline) Atomics.wait(ctrl, CTRL_READY, ready, 200);
  if (Atomics.load(ctrl, CTRL_READY) < nWorkers || Atomics.load(ctrl, CTRL_ERROR) !== 0) {
    for (const w of workers) void w.terminate();
    return serialEngine(P, Y0, theta);
  }
  let disposed = false;
  const chunk = (w: number, total: number): [number, number] => [
    Math.floor((w * total) / threads),
    Math.floor(((w + 1) * total) / threads),
  ];
  const engine: BHEngine = {
    threads,
    Y,
    gradient(grad, computeError) {
      if (prepareTree(Y, n, ws) < 0) {
        // Tree too deep for the shared arrays (near-duplicate points): do this iteration on one thread.
        const local: BHWorkspace = { ...ws, packed: new Float64Array(8 * ws.tree.size), kids: new Int32Array(2 * ws.tree.size) };
        return barnesHutGradient(Y, SP, theta, grad, local, computeError);
      }
      Atomics.store(ctrl, CTRL_DONE, 0);
      Atomics.add(ctrl, CTRL_GEN, 1);
      Atomics.notify(ctrl, CTRL_GEN);
      const [a, b] = chunk(0, n);
      parts[0] = repulsionKernel(Y, ws.packed, ws.kids, ws.order, a, b, params[0], ws.neg, ws.stack);
      attractionKernel(Y, SP.rowPtr, SP.colIdx, SP.values, a, b, ws.pos, false, 1);
      let done: number;
      while ((done = Atomics.load(ctrl, CTRL_DONE)) < nWorkers) Atomics.wait(ctrl, CTRL_DONE, done, 1000);
      if (Atomics.load(ctrl, CTRL_ERROR) !== 0) {
        engine.dispose();
        throw new Error('barnes-hut worker failed');
      }
      let sumQ = 0;
      for (let w = 0; w < threads; w++) sumQ += parts[w];
      combineGradient(grad, ws.pos, ws.neg, sumQ, n);
      if (!computeError) return NaN;
      return attractionKernel(Y, SP.rowPtr, SP.colIdx, SP.values, 0, n, ws.pos, true, sumQ);
    },
    scaleP(factor) {
      for (let e = 0; e < SP.values.length; e++) SP.values[e] *= factor;
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      Atomics.store(ctrl, CTRL_STOP, 1);
      Atomics.add(ctrl, CTRL_GEN, 1);
      Atomics.notify(ctrl, CTRL_GEN);
    },
  };
  return engine;
}

function serialEngine(P: SparseMatrix, Y0: Float64Array, theta: number): BHEngine {
  const ws = createBHWorkspace(P.n);
  const SP: SparseMatrix = { ...P, values: P.values.slice() };
  const Y = Y0.slice();
  return {
    threads: 1,
    Y,
    gradient: (grad, computeError) => barnesHutGradient(Y, SP, theta, grad, ws, computeError),
    scaleP(factor) {
      for (let e = 0; e < SP.values.length; e++) SP.values[e] *= factor;
    },
    dispose() {},
  };
}

const WORKER_SOURCE = `
'use strict';
const { workerData: d } = require('node:worker_threads');
const repulsionKernel = ${repulsionKernel.toString()};
const attractionKernel = ${attractionKernel.toString()};
const ctrl = new Int32Array(d.ctrl);
const params = new Float64Array(d.params);
const parts = new Float64Array(d.parts);
const Y = new Float64Array(d.Y);
const rowPtr = new Int32Array(d.rowPtr);
const colIdx = new Int32Array(d.colIdx);
const values = new Float64Array(d.values);
const packed = new Float64Array(d.packed);
const kids = new Int32Array(d.kids);
const order = new Int32Array(d.order);
const neg = new Float64Array(d.neg);
const pos = new Float64Array(d.pos);
const stack = new Int32Array(1024);
const a = Math.floor((d.w * d.n) / d.threads);
const b = Math.floor(((d.w + 1) * d.n) / d.threads);
Atomics.add(ctrl, ${CTRL_READY}, 1);
Atomics.notify(ctrl, ${CTRL_READY});
let gen = 0;
for (;;) {
  Atomics.wait(ctrl, ${CTRL_GEN}, gen);
  gen = Atomics.load(ctrl, ${CTRL_GEN});
  if (Atomics.load(ctrl, ${CTRL_STOP}) === 1) break;
  try {
    parts[d.w] = repulsionKernel(Y, packed, kids, order, a, b, params[0], neg, stack);
    attractionKernel(Y, rowPtr, colIdx, values, a, b, pos, false, 1);
  } catch (e) {
    Atomics.store(ctrl, ${CTRL_ERROR}, 1);
  }
  Atomics.add(ctrl, ${CTRL_DONE}, 1);
  Atomics.notify(ctrl, ${CTRL_DONE});
}
`;
