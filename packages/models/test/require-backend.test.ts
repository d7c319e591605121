import { initBackend } from '@dlkit/backend';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  cifarNet,
  cifarNetTf,
  deepCifarNet,
  loadBody,
  loadModel,
  mlp,
  mnistConvNet,
  ModelsError,
  smallAlexNet,
} from '../src/index';

const HINT =
  "Call `await initBackend()` from '@dlkit/backend' first (in a browser: `await initBrowserBackend()` from '@dlkit/backend/browser')";

// This file runs in its own process (vitest forks): no engine is chosen or registered until the last test.
describe('requireBackend: before any engine is chosen', () => {
  const builders: [string, () => unknown][] = [
    ['mlp', () => mlp()],
    ['mnistConvNet', () => mnistConvNet()],
    ['cifarNet', () => cifarNet()],
    ['cifarNetTf', () => cifarNetTf()],
    ['deepCifarNet', () => deepCifarNet()],
    ['smallAlexNet', () => smallAlexNet()],
  ];
  for (const [name, build] of builders) {
    it(`${name}() says to call initBackend instead of tfjs's "No backend found in registry"`, () => {
      let err: unknown;
      try {
        build();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ModelsError);
      expect((err as ModelsError).argument).toBe(name);
      expect((err as Error).message).toBe(
        `${name}: expected an engine chosen before a model is built or loaded, received "no TensorFlow.js engine (none chosen, none registered)". ${HINT}`,
      );
    });
  }

  it('loadModel and loadBody say the same', async () => {
    await expect(loadModel('file:///nowhere/model.json')).rejects.toThrow(
      `loadModel: expected an engine chosen before a model is built or loaded`,
    );
    await expect(loadBody('file:///nowhere/model.json')).rejects.toThrow(ModelsError);
  });

  it('once initBackend has run, the builders work', async () => {
    expect(tf.getBackend()).toBeFalsy();
    await initBackend({ prefer: 'cpu', strict: true });
    const model = mlp();
    expect(model.layers.length).toBeGreaterThan(0);
    model.dispose();
  });
});
