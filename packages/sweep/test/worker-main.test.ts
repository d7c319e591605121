import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProcess, stopProcess, WORKER_CLI } from './support/processes';
import { freePort, startRedis, type TestRedis } from './support/redis-server';

let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

async function cli(args: string[]): Promise<{ code: number | null; out: string; ms: number }> {
  const t0 = Date.now();
  const p = startProcess([WORKER_CLI, ...args]);
  const code = await p.exited;
  return { code, out: p.lines.join('\n'), ms: Date.now() - t0 };
}

describe('dlkit-worker', () => {
  it('prints its usage with --help, and exits 2 with the usage when --redis is missing or a flag is unknown', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: dlkit-worker --redis URL');
    // pnpm's `--` (`pnpm --filter x worker -- --redis URL`) comes through to the command: the flags follow it.
    const afterDashes = await cli(['--', '--help']);
    expect(afterDashes.code).toBe(0);
    expect(afterDashes.out).toContain('Usage: dlkit-worker --redis URL');
    const missing = await cli([]);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('--redis URL is required');
    const unknown = await cli(['--redis', redis.url, '--bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain("Unknown option '--bogus'");
  }, 30_000);

  it('exits 2 within seconds, naming the problem, for a bad URL, an unreachable Redis or a bad number', async () => {
    const bad = await cli(['--redis', 'redis:/nowhere']);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('BAD_REDIS_URL');
    const port = await freePort();
    const down = await cli(['--redis', `redis://127.0.0.1:${port}`]);
    expect(down.code).toBe(2);
    expect(down.out).toContain('REDIS_UNREACHABLE');
    expect(down.out).toContain('ECONNREFUSED');
    expect(down.ms).toBeLessThan(5000);
    const lock = await cli(['--redis', redis.url, '--lock-duration', 'soon']);
    expect(lock.code).toBe(2);
    expect(lock.out).toContain('--lock-duration');
  }, 30_000);

  it('waits for trials, and stops cleanly (exit 0) on SIGTERM', async () => {
    const p = startProcess([WORKER_CLI, '--redis', redis.url, '--queue', 'cli-test', '--name', 'w1']);
    await p.waitFor(/\[w1\] waiting for trials on cli-test/);
    await stopProcess(p);
    expect(await p.exited).toBe(0);
    expect(p.lines.join('\n')).toContain('stopping after the running trials');
  }, 30_000);
});
