import { existsSync } from 'node:fs';
import { readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock } from '../src/file-lock';
import { catchAsync, tempDir } from './helpers';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('acquireLock', () => {
  it('takes a free lock (holding our pid) and releases it', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.lock');
    const lock = await acquireLock(path, { stallTimeoutMs: 1000, file: 'x' });
    expect(await readFile(path, 'utf8')).toBe(String(process.pid));
    await lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('takes over the lock of a dead process, and a pid-less lock older than 5 s', async () => {
    const dir = await tempDir();
    const dead = join(dir, 'dead.lock');
    await writeFile(dead, '2147483646');
    await (await acquireLock(dead, { stallTimeoutMs: 1000, file: 'x' })).release();
    const torn = join(dir, 'torn.lock');
    await writeFile(torn, '');
    const old = new Date(Date.now() - 10_000);
    await utimes(torn, old, old);
    await (await acquireLock(torn, { stallTimeoutMs: 1000, file: 'x' })).release();
  });

  it('waits while a live holder shows progress, however long, and gives up only on a stall', async () => {
    const dir = await tempDir();
    const path = join(dir, 'busy.lock');
    const part = join(dir, 'busy.part');
    const holder = await acquireLock(path, { stallTimeoutMs: 1000, file: 'x' });
    // The holder (this live process) writes its partial file for 2.4 s, longer than the 1 s stall timeout.
    const writing = (async () => {
      for (let i = 1; i <= 24; i++) {
        await writeFile(part, 'x'.repeat(i * 100));
        await sleep(100);
      }
      await holder.release();
    })();
    const t0 = Date.now();
    const waiter = await acquireLock(path, { watch: [part], stallTimeoutMs: 1000, file: 'x', pollMs: 20 });
    expect(Date.now() - t0).toBeGreaterThan(2000);
    await writing;
    // Now this waiter holds it and goes silent: the next waiter gives up after its stall timeout.
    const e = await catchAsync(acquireLock(path, { watch: [part], stallTimeoutMs: 300, file: 'busy.bin', pollMs: 20 }));
    expect(e.code).toBe('NETWORK');
    expect(e.file).toBe('busy.bin');
    expect(e.received).toContain('no progress for 300 ms');
    await waiter.release();
  });
});
