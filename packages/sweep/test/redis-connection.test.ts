import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineSweep, parseRedisUrl, probeRedis, runSweep, startWorker, SweepError } from '../src/index';
import { FIXTURES, freePortForTests } from './support/ports';

// A server that accepts connections and never answers: a Redis that hangs.
let silent: Server;
let silentPort = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  silent = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  silentPort = (silent.address() as { port: number }).port;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
});

describe('parseRedisUrl', () => {
  it('reads host, port, database, user and password, and hides the password in the display form', () => {
    expect(parseRedisUrl('redis://127.0.0.1')).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0, tls: false });
    expect(parseRedisUrl('rediss://me:s%40cret@[::1]:7000/3')).toEqual({
      host: '::1',
      port: 7000,
      db: 3,
      tls: true,
      username: 'me',
      password: 's@cret',
      display: 'rediss://me@[::1]:7000/3',
    });
  });

  it.each([
    ['', 'a redis:// or rediss:// URL'],
    ['localhost:6379', 'the scheme redis:// or rediss://'],
    ['http://127.0.0.1:6379', 'the scheme redis:// or rediss://'],
    ['redis://', 'a host name or address'],
    ['redis://127.0.0.1:99999', 'a redis:// or rediss:// URL'],
    ['redis://127.0.0.1:6379/x', 'a database number 0..15 as the path'],
    ['redis://127.0.0.1:6379/16', 'a database number 0..15 as the path'],
    ['redis://127.0.0.1:6379?db=1', 'no query or fragment'],
  ])('refuses %j: expected %s', (url, expected) => {
    const e = (() => {
      try {
        parseRedisUrl(url);
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(SweepError);
    expect(e).toMatchObject({ code: 'BAD_REDIS_URL', argument: 'redis', expected });
    expect((e as SweepError).hint).toContain('redis://127.0.0.1:6379');
  });
});

describe('an unreachable Redis', () => {
  it('is a REDIS_UNREACHABLE error within a second when nothing listens on the port', async () => {
    const port = await freePortForTests();
    const t0 = Date.now();
    const e = await probeRedis(parseRedisUrl(`redis://127.0.0.1:${port}`)).catch((x: unknown) => x);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(e).toBeInstanceOf(SweepError);
    expect(e).toMatchObject({ code: 'REDIS_UNREACHABLE', file: `redis://127.0.0.1:${port}` });
    expect((e as SweepError).hint).toMatch(/ECONNREFUSED/);
  });

  it('is a REDIS_UNREACHABLE error after the connect timeout when the server never answers', async () => {
    const t0 = Date.now();
    await expect(probeRedis(parseRedisUrl(`redis://127.0.0.1:${silentPort}`), 800)).rejects.toMatchObject({
      code: 'REDIS_UNREACHABLE',
    });
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(700);
    expect(took).toBeLessThan(3000);
  });

  it('stops runSweep and startWorker with a typed error, before anything is queued or run', async () => {
    const sweep = defineSweep({
      name: 'unreachable',
      trials: [{ trial: { module: FIXTURES, name: 'walkTrial' }, settings: { steps: 1, epochs: 1 }, seed: 1 }],
    });
    const port = await freePortForTests();
    await expect(runSweep(sweep, { redis: `redis://127.0.0.1:${port}` })).rejects.toMatchObject({ code: 'REDIS_UNREACHABLE' });
    await expect(runSweep(sweep, { redis: 'redis//127.0.0.1' })).rejects.toMatchObject({ code: 'BAD_REDIS_URL' });
    const t0 = Date.now();
    await expect(runSweep(sweep, { redis: `redis://127.0.0.1:${silentPort}`, connectTimeoutMs: 500 })).rejects.toMatchObject({
      code: 'REDIS_UNREACHABLE',
    });
    expect(Date.now() - t0).toBeLessThan(3000);
    await expect(startWorker({ redis: `redis://127.0.0.1:${port}` })).rejects.toMatchObject({ code: 'REDIS_UNREACHABLE' });
    await expect(startWorker({ redis: 'mysql://127.0.0.1' })).rejects.toMatchObject({ code: 'BAD_REDIS_URL' });
  });
});
