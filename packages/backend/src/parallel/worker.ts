// Entry point of a kernel worker: its own tfjs wasm engine, fed through shared memory by the main
// thread's kernels (see pool.ts). Blocks in Atomics.wait between jobs, so it costs nothing while idle.
import { workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { installWasmFixups } from '../kernel-registry';
import { CONTROL_BYTES, JSON_OFFSET, SLOT, type Job, type WorkerInit } from './protocol';

const init = workerData as WorkerInit;
const ctrl = new Int32Array(init.control);
const bytes = new Uint8Array(init.control);
const data = new Float32Array(init.data);
const decoder = new TextDecoder();
const encoder = new TextEncoder();

await import('@tensorflow/tfjs-backend-wasm');
await tf.setBackend('wasm');
await tf.ready();
// The worker runs dlkit's kernels too (e.g. Conv2DBackpropFilter, which the wasm backend lacks).
installWasmFixups();
Atomics.store(ctrl, SLOT.ready, 1);
Atomics.notify(ctrl, SLOT.ready);

let seen = 0;
for (;;) {
  Atomics.wait(ctrl, SLOT.seq, seen);
  seen = Atomics.load(ctrl, SLOT.seq);
  const n = Atomics.load(ctrl, SLOT.jsonBytes);
  try {
    const job = JSON.parse(decoder.decode(bytes.slice(JSON_OFFSET, JSON_OFFSET + n))) as Job;
    tf.tidy(() => {
      const inputs: Record<string, tf.Tensor> = {};
      for (const input of job.inputs) {
        const size = input.shape.reduce((a, b) => a * b, 1);
        inputs[input.name] = tf.tensor(data.subarray(input.offset, input.offset + size), input.shape, 'float32');
      }
      const out = tf.engine().runKernel(job.kernel, inputs as never, job.attrs as never) as tf.Tensor;
      // Straight from the engine's heap: dataSync would allocate and copy once more.
      const heap = (tf.backend() as unknown as { typedArrayFromHeap(t: tf.TensorInfo): Float32Array }).typedArrayFromHeap(out);
      data.set(heap, job.outOffset);
    });
    Atomics.store(ctrl, SLOT.status, 0);
  } catch (err) {
    const message = encoder.encode(String((err as Error)?.message ?? err)).slice(0, CONTROL_BYTES - JSON_OFFSET);
    bytes.set(message, JSON_OFFSET);
    Atomics.store(ctrl, SLOT.jsonBytes, message.length);
    Atomics.store(ctrl, SLOT.status, 1);
  }
  Atomics.store(ctrl, SLOT.done, seen);
  Atomics.notify(ctrl, SLOT.done);
}
