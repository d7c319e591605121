import { Redis, type RedisOptions } from 'ioredis';
import { SweepError } from './errors';

/** Where a Redis server is, from a `redis://` or `rediss://` URL. */
export interface RedisTarget {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** The URL without its password, for messages. */
  display: string;
}

const EXAMPLE = 'redis://[user:password@]host[:port][/db], e.g. redis://127.0.0.1:6379';

/** Parses and checks a Redis URL; throws `BAD_REDIS_URL` naming what is wrong. */
export function parseRedisUrl(url: string): RedisTarget {
  const bad = (expected: string, received: unknown = url): SweepError =>
    new SweepError({ code: 'BAD_REDIS_URL', argument: 'redis', received, expected, hint: `write it as ${EXAMPLE}` });
  if (typeof url !== 'string' || url.trim() === '') throw bad('a redis:// or rediss:// URL');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad('a redis:// or rediss:// URL');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw bad('the scheme redis:// or rediss://', u.protocol);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw bad('a host name or address');
  const port = u.port === '' ? 6379 : Number(u.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw bad('a port in 1..65535', u.port);
  const path = u.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0 || db > 15 || !/^\d*$/.test(path))
    throw bad('a database number 0..15 as the path', u.pathname);
  if (u.search !== '' || u.hash !== '') throw bad('no query or fragment', `${u.search}${u.hash}`);
  const display = `${u.protocol}//${u.username ? `${decodeURIComponent(u.username)}@` : ''}${u.host}${path ? `/${path}` : ''}`;
  return {
    host,
    port,
    db,
    tls: u.protocol === 'rediss:',
    display,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

/**
 * ioredis options for BullMQ's connections. ioredis reconnects forever by default; these give up after
 * `reconnectSeconds` of failed attempts, so a Redis lost mid-sweep ends the sweep with `REDIS_LOST` instead of
 * hanging.
 */
export function redisOptions(target: RedisTarget, reconnectSeconds = 30): RedisOptions {
  const attempts = Math.max(1, Math.ceil(reconnectSeconds / 1));
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username ? { username: target.username } : {}),
    ...(target.password ? { password: target.password } : {}),
    ...(target.tls ? { tls: {} } : {}),
    connectTimeout: 5000,
    retryStrategy: (times: number) => (times > attempts ? null : 1000),
  };
}

/**
 * Checks that a Redis answers at `target` within `timeoutMs` (one connection, no retries, closed afterwards);
 * throws `REDIS_UNREACHABLE` otherwise.
 */
export async function probeRedis(target: RedisTarget, timeoutMs = 5000): Promise<void> {
  const client = new Redis({
    ...redisOptions(target),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // ioredis rejects with "Connection is closed"; the cause (ECONNREFUSED, ENOTFOUND, …) comes as an event.
  let cause: Error | undefined;
  client.on('error', (e: Error) => {
    cause ??= e;
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (e) {
    throw new SweepError({
      code: 'REDIS_UNREACHABLE',
      argument: 'redis',
      file: target.display,
      received: target.display,
      expected: `a Redis server answering within ${timeoutMs} ms`,
      hint: `${cause?.message ?? ((e as Error).message || String(e))}; start redis-server there, or check the host, port and password`,
      cause: cause ?? e,
    });
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
