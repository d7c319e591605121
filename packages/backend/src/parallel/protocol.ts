// The shared-memory protocol between the main thread and a kernel worker. One control block and one
// data block per worker; the job itself travels as a small JSON text in the control block.

/** Int32 slots of the control block. */
export const SLOT = { seq: 0, done: 1, ready: 2, status: 3, jsonBytes: 4 } as const;
/** Bytes before the JSON job text in the control block. */
export const JSON_OFFSET = 64;
/** Size of the control block. */
export const CONTROL_BYTES = 64 * 1024;

/** One input of a job: a float32 tensor stored at `offset` (in floats) of the data block. */
export interface JobInput {
  readonly name: string;
  readonly shape: number[];
  readonly offset: number;
}

/** A kernel to run on the worker's own wasm engine: inputs in, one float32 output written back. */
export interface Job {
  readonly kernel: string;
  readonly inputs: JobInput[];
  readonly attrs: Record<string, unknown>;
  readonly outOffset: number;
  readonly outSize: number;
}

/** What the worker is started with. */
export interface WorkerInit {
  readonly control: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
}
