import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, BROWSER_ENGINE_ORDER, initBrowserBackend } from '../src/browser';
import { kernelWorkers } from '../src/parallel/pool';

// Where the wasm binaries live; under Node tfjs reads `prefix + file name` from disk.
const wasmDir = `${join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`;

describe('initBrowserBackend', () => {
  afterEach(() => {
    if (tf.findBackendFactory('webgl') !== null) tf.removeBackend('webgl');
  });

  it('falls back from an absent WebGL to wasm, fetching the binaries from wasmPaths, with no kernel worker', async () => {
    const info = await initBrowserBackend({ wasmPaths: wasmDir });
    expect(info.engine).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.attempts[0]).toEqual({
      engine: 'webgl',
      ok: false,
      reason: expect.stringMatching(/tfjs-backend-webgl not imported/),
    });
    expect(info.reason).toMatch(/^wasm: .*tfjs-backend-webgl not imported/);
    expect(info.kernels).toEqual(expect.arrayContaining(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad']));
    expect(info.threads).toBe(1);
    expect(kernelWorkers()).toHaveLength(0);
    // The training kernels work: one gradient through a convolution.
    const x = tf.ones([1, 5, 5, 1]) as tf.Tensor4D;
    const g = tf.grad((w: tf.Tensor) => tf.conv2d(x, w as tf.Tensor4D, 1, 'valid').sum())(tf.ones([3, 3, 1, 1]));
    expect(Array.from(await g.data())).toEqual(new Array(9).fill(9));
  });

  it('chooses WebGL when the application registered it', async () => {
    // A stand-in 'webgl' backend (the cpu kernels under that name): what `import '@tensorflow/tfjs-backend-webgl'` does.
    tf.registerBackend('webgl', () => new MathBackendCPU(), 1);
    const info = await initBrowserBackend();
    expect(info.engine).toBe('webgl');
    expect(info.backend).toBe('webgl');
    expect(info.attempts).toHaveLength(1);
    expect(info.kernels).toEqual([]);
  });

  it('says why a registered WebGL that cannot start was passed over', async () => {
    tf.registerBackend('webgl', () => {
      throw new Error('WebGL is not supported on this device');
    });
    const info = await initBrowserBackend();
    expect(info.engine).toBe('wasm');
    expect(info.attempts[0]?.reason).toMatch(/backend 'webgl' failed to initialise/);
  });

  it('honours a preference, and strict mode tries nothing else', async () => {
    const cpu = await initBrowserBackend({ prefer: 'cpu', strict: true });
    expect(cpu.engine).toBe('cpu');
    expect(cpu.attempts.map((a) => a.engine)).toEqual(['cpu']);
    await expect(initBrowserBackend({ prefer: 'webgl', strict: true })).rejects.toThrow(/no engine could be started.*webgl/);
    const wasm = await initBrowserBackend({ prefer: ['wasm'] });
    expect(wasm.engine).toBe('wasm');
    expect(BROWSER_ENGINE_ORDER).toEqual(['webgl', 'wasm', 'cpu']);
  });

  it('rejects unknown engines and malformed wasmPaths with a BackendError naming the option', async () => {
    const unknown = await initBrowserBackend({ prefer: 'tfjs-node' as never }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(BackendError);
    expect((unknown as BackendError).field).toBe('prefer');
    const paths = await initBrowserBackend({ wasmPaths: 42 as never }).catch((e: unknown) => e);
    expect(paths).toBeInstanceOf(BackendError);
    expect((paths as BackendError).field).toBe('wasmPaths');
  });
});
