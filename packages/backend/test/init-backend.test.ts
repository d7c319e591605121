import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { BackendError, ENGINE_ORDER, initBackend, shutdownBackend, WASM_KERNEL_FIXUPS } from '../src/index';

describe('initBackend', () => {
  afterAll(async () => {
    await shutdownBackend();
  });

  it('falls back past the optional native engines to wasm, saying why', async () => {
    const info = await initBackend();
    // tfjs-node cannot be installed on this machine; where it is, it must win.
    const native = info.attempts.filter((a) => a.engine.startsWith('tfjs-node'));
    if (info.engine === 'wasm') {
      expect(native.map((a) => a.ok)).toEqual([false, false]);
      expect(info.reason).toMatch(/tfjs-node-gpu not installed/);
      expect(info.reason).toMatch(/tfjs-node not installed/);
      expect(info.kernels).toEqual(expect.arrayContaining(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul']));
    } else {
      expect(info.engine).toMatch(/^tfjs-node/);
    }
    expect(tf.getBackend()).toBe(info.backend);
    // One thread per core by default (kernel workers for all but the main thread).
    expect(info.threads).toBeGreaterThanOrEqual(1);
  });

  it('honours a preference, and strict mode tries nothing else', async () => {
    const info = await initBackend({ prefer: 'cpu', strict: true });
    expect(info.engine).toBe('cpu');
    expect(info.attempts).toHaveLength(1);
    expect(tf.getBackend()).toBe('cpu');
    expect(info.kernels).toEqual([]);
    const back = await initBackend({ prefer: 'wasm' });
    expect(back.engine).toBe('wasm');
  });

  it('fails clearly when no preferred engine can start in strict mode', async () => {
    await expect(initBackend({ prefer: 'tfjs-node', strict: true })).rejects.toThrow(/no engine could be started.*tfjs-node/);
  });

  it('rejects an unknown engine name with a typed error naming the option', async () => {
    const err = await initBackend({ prefer: 'webgpu' as never }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).field).toBe('prefer');
    expect((err as Error).message).toContain(ENGINE_ORDER.join(', '));
  });

  it('registers gradients, which the node build of tfjs-core lacks', async () => {
    await initBackend({ prefer: 'wasm' });
    expect(tf.getGradient('Conv2D')).toBeDefined();
    expect(tf.getGradient('RealDiv')).toBeDefined();
  });

  it('keeps one list of wasm kernels without duplicates', () => {
    const names = WASM_KERNEL_FIXUPS.map((f) => f.kernelName);
    expect(new Set(names).size).toBe(names.length);
  });
});
