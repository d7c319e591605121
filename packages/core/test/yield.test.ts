import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { yieldToEventLoop } from '../src/index';

describe('yieldToEventLoop', () => {
  it('lets a due timer run, as setImmediate would', async () => {
    let fired = false;
    setTimeout(() => (fired = true), 0);
    const started = Date.now();
    while (!fired && Date.now() - started < 2000) await yieldToEventLoop();
    expect(fired).toBe(true);
  });

  it('lets an abort signal from a timer reach a loop that yields', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    let turns = 0;
    while (!controller.signal.aborted && turns < 100000) {
      turns++;
      await yieldToEventLoop();
    }
    expect(controller.signal.aborted).toBe(true);
  });

  it('falls back to setTimeout where there is no MessageChannel', async () => {
    const saved = globalThis.MessageChannel;
    // @ts-expect-error: simulate an environment without MessageChannel
    delete globalThis.MessageChannel;
    try {
      await expect(yieldToEventLoop()).resolves.toBeUndefined();
    } finally {
      globalThis.MessageChannel = saved;
    }
  });

  it('does not keep a Node process alive once its work is done', () => {
    const script = `${yieldToEventLoop.toString()}; (async () => { for (let i = 0; i < 10; i++) await yieldToEventLoop(); console.log('done'); })();`;
    const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10000 });
    expect(child.stdout.trim()).toBe('done');
    expect(child.status).toBe(0);
  });
});
