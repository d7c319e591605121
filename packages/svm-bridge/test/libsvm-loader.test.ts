import { describe, expect, it } from 'vitest';
import { loadLibsvm, SVC } from '../src/index';
import { libsvmHandle } from '../src/libsvm-loader';
import { blobs } from './helpers';

describe('loadLibsvm', () => {
  it('loads once, stays silent by default and routes messages to an opt-in logger', async () => {
    await expect(loadLibsvm()).resolves.toBeUndefined();
    const a = await libsvmHandle();
    expect(await libsvmHandle()).toBe(a);
    const { X, y } = blobs(40);
    const writes: string[] = [];
    const orig = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      await new SVC().fit(X, y);
    } finally {
      process.stdout.write = orig;
    }
    expect(writes.join('')).toBe('');
    const messages: string[] = [];
    await new SVC({ logger: (m) => messages.push(m) }).fit(X, y);
    expect(messages.join('\n')).toMatch(/optimization finished/);
  });
});
