import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';

/** Runs `f` on the wasm backend (asserting it leaves no tensor behind), then on the cpu backend, for comparison. */
export async function onWasmAndCpu<T>(f: () => T): Promise<{ wasm: T; cpu: T }> {
  const before = tf.memory().numTensors;
  const wasm = f();
  expect(tf.memory().numTensors).toBe(before);
  await tf.setBackend('cpu');
  const cpu = f();
  await tf.setBackend('wasm');
  return { wasm, cpu };
}
