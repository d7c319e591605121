import { CONTROL_BYTES, JSON_OFFSET, SLOT, type Job, type WorkerInit } from './protocol';

/** A started kernel worker and its shared memory. */
export interface KernelWorker {
  readonly terminate: () => Promise<number>;
  readonly ctrl: Int32Array;
  readonly bytes: Uint8Array;
  readonly data: Float32Array;
  seq: number;
}

let pool: KernelWorker[] = [];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The running kernel workers (none until `startKernelWorkers`, and never in a browser). */
export function kernelWorkers(): readonly KernelWorker[] {
  return pool;
}

async function workerScript(): Promise<string> {
  const { createRequire } = await import('node:module');
  const path = await import('node:path');
  // Resolve our own package (self-reference through its exports map) so this works from src/ under
  // vitest and from dist/ alike: the worker is always the built ESM file.
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@dlkit/backend/package.json')), 'dist', 'parallel-worker.js');
}

/**
 * Starts `count` workers, each with its own wasm engine and a shared data block of `dataFloats` floats
 * (reserved address space; the OS commits pages only when used). Resolves once every worker is ready.
 */
export async function startKernelWorkers(count: number, dataFloats = 1 << 25): Promise<void> {
  await stopKernelWorkers();
  if (count <= 0) return;
  const { Worker } = await import('node:worker_threads');
  const { existsSync } = await import('node:fs');
  const script = await workerScript();
  if (!existsSync(script)) throw new Error(`dlkit: kernel worker script missing at ${script} (build @dlkit/backend first)`);
  const started: KernelWorker[] = [];
  for (let i = 0; i < count; i++) {
    const init: WorkerInit = {
      control: new SharedArrayBuffer(CONTROL_BYTES),
      data: new SharedArrayBuffer(dataFloats * 4),
    };
    const worker = new Worker(script, { workerData: init });
    worker.unref();
    const ctrl = new Int32Array(init.control);
    started.push({
      terminate: () => worker.terminate(),
      ctrl,
      bytes: new Uint8Array(init.control),
      data: new Float32Array(init.data),
      seq: 0,
    });
    await new Promise<void>((resolve, reject) => {
      const poll = () => {
        if (Atomics.load(ctrl, SLOT.ready) === 1) resolve();
        else setTimeout(poll, 5);
      };
      worker.once('error', reject);
      poll();
    });
  }
  pool = started;
}

/** Stops every kernel worker; kernels run on the main thread alone afterwards. */
export async function stopKernelWorkers(): Promise<void> {
  const old = pool;
  pool = [];
  await Promise.all(old.map((w) => w.terminate()));
}

/** Hands a job to a worker without waiting for it. */
export function postJob(w: KernelWorker, job: Job): void {
  const text = encoder.encode(JSON.stringify(job));
  if (text.length > CONTROL_BYTES - JSON_OFFSET) throw new Error('dlkit: kernel job description too large');
  w.bytes.set(text, JSON_OFFSET);
  Atomics.store(w.ctrl, SLOT.jsonBytes, text.length);
  w.seq++;
  Atomics.store(w.ctrl, SLOT.seq, w.seq);
  Atomics.notify(w.ctrl, SLOT.seq);
}

/** Blocks until the worker has finished its last job; throws the worker's error if it failed. */
export function waitJob(w: KernelWorker): void {
  for (;;) {
    const done = Atomics.load(w.ctrl, SLOT.done);
    if (done === w.seq) break;
    Atomics.wait(w.ctrl, SLOT.done, done);
  }
  if (Atomics.load(w.ctrl, SLOT.status) !== 0) {
    const n = Atomics.load(w.ctrl, SLOT.jsonBytes);
    throw new Error(`dlkit kernel worker failed: ${decoder.decode(w.bytes.slice(JSON_OFFSET, JSON_OFFSET + n))}`);
  }
}
