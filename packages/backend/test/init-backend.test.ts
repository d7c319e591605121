import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { BackendError, ENGINE_ORDER, initBackend, requireBackend, shutdownBackend, WASM_KERNEL_FIXUPS } from '../src/index';

// First in this file: no engine has been chosen or registered yet in this process.
describe('requireBackend', () => {
  it('says what to call when no engine is chosen, instead of tfjs\'s bare "No backend found in registry"', async () => {
    expect(() => tf.zeros([1])).toThrow('No backend found in registry.');
    const err = (() => {
      try {
        requireBackend('train');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).field).toBe('backend');
    expect((err as BackendError).hint).toBe("await initBackend() from '@dlkit/backend'");
    expect((err as Error).message).toBe(
      "train: no TensorFlow.js engine is chosen yet. Call `await initBackend()` from '@dlkit/backend' first (in a browser: `await initBrowserBackend()` from '@dlkit/backend/browser')",
    );
    await initBackend({ prefer: 'cpu', strict: true });
    expect(() => requireBackend('train')).not.toThrow();
  });
});

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
      expect(info.kernels).toEqual(
        expect.arrayContaining(['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad', 'BatchMatMul']),
      );
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

describe('initBackend with a native engine installed but broken', () => {
  it("gives the load error as the reason (not 'not installed') and falls back to wasm", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-broken-peer-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const fake = (name: string, main: string) => {
      const folder = join(dir, 'node_modules', '@tensorflow', name);
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, 'package.json'),
        JSON.stringify({ name: `@tensorflow/${name}`, version: '4.22.0', main: 'index.js' }),
      );
      writeFileSync(join(folder, 'index.js'), main);
      return pathToFileURL(join(folder, 'index.js')).href;
    };
    // tfjs-node whose native binding was never built (what a failed install on an unsupported Node leaves)…
    // (tfjs-node requires its binding by absolute path, found by node-pre-gyp.)
    const node = fake('tfjs-node', "require(require('node:path').join(__dirname, 'lib', 'napi-v8', 'tfjs_binding.node'));\n");
    // …and tfjs-node-gpu whose binding was built for another Node version.
    const gpu = fake(
      'tfjs-node-gpu',
      "throw new Error('The module tfjs_binding.node was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 137.');\n",
    );
    // The fakes sit on the resolution path of the child process through a resolve hook.
    const hooks = join(dir, 'hooks.mjs');
    writeFileSync(
      hooks,
      `import { registerHooks } from 'node:module';
       const fakes = ${JSON.stringify({ '@tensorflow/tfjs-node': node, '@tensorflow/tfjs-node-gpu': gpu })};
       registerHooks({ resolve: (specifier, context, next) => (specifier in fakes ? { url: fakes[specifier], shortCircuit: true } : next(specifier, context)) });`,
    );
    // The built package (as users run it: its gradients are bundled; tfjs-core's ESM files cannot be
    // imported by Node directly). `pnpm test` builds first.
    const dist = pathToFileURL(join(__dirname, '..', 'dist', 'index.js')).href;
    const script = `
      const { initBackend, shutdownBackend } = await import(${JSON.stringify(dist)});
      const info = await initBackend({ threads: 1 });
      process.stdout.write(JSON.stringify(info));
      await shutdownBackend();
    `;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', pathToFileURL(hooks).href, '--input-type=module', '-e', script], {
        cwd: join(__dirname, '..'),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr}`))));
    });
    const info = JSON.parse(out) as {
      engine: string;
      reason: string;
      attempts: { engine: string; ok: boolean; reason: string }[];
    };
    expect(info.engine).toBe('wasm');
    expect(info.attempts.map((a) => [a.engine, a.ok])).toEqual([
      ['tfjs-node-gpu', false],
      ['tfjs-node', false],
      ['wasm', true],
    ]);
    expect(info.attempts[0].reason).toBe(
      '@tensorflow/tfjs-node-gpu failed to load: The module tfjs_binding.node was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 137.',
    );
    // The first line of the load error (Node's require stack left out).
    expect(info.attempts[1].reason).toMatch(
      /^@tensorflow\/tfjs-node failed to load: Cannot find module '.*\/@tensorflow\/tfjs-node\/lib\/napi-v8\/tfjs_binding\.node'$/,
    );
    expect(info.reason).toMatch(
      /^wasm: @tensorflow\/tfjs-node-gpu failed to load: .*NODE_MODULE_VERSION 137\.; @tensorflow\/tfjs-node failed to load: Cannot find module/,
    );
  });
});
