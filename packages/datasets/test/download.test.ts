import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { downloadFile } from '../src/download';
import type { ProgressEvent } from '../src/progress';
import { catchAsync, tempDir } from './helpers';
import { TestServer, bytes, md5, sha256 } from './http-server';
import { startChild, srcUrl, type Child } from './child-process';

const BODY = bytes(200_000, 7);
const SHA = { algorithm: 'sha256' as const, hex: sha256(BODY) };
const fast = { retryDelayMs: 5, idleTimeoutMs: 2_000 };

let server: TestServer;
let dir: string;
let n = 0;
const dest = () => join(dir, `file-${++n}.bin`);

/** The cache holds only complete verified files: no .part or .lock left behind next to `path`. */
async function expectCacheClean(path: string, content?: Uint8Array): Promise<void> {
  const leftovers = (await readdir(dir)).filter(
    (f) => f.startsWith(path.split('/').pop() as string) && f !== path.split('/').pop(),
  );
  expect(leftovers).toEqual([]);
  if (content === undefined) expect(existsSync(path)).toBe(false);
  else expect(Buffer.compare(await readFile(path), content)).toBe(0); // (deep-equal of 200 kB is slow)
}

beforeAll(async () => {
  dir = await tempDir();
  server = new TestServer();
  await server.start();
});
afterAll(() => server.stop());

describe('downloadFile against a real HTTP server on 127.0.0.1', () => {
  it('downloads, verifies the checksum and reports progress', async () => {
    const url = server.route('/ok.bin', { kind: 'ok', body: BODY });
    const events: ProgressEvent[] = [];
    const path = dest();
    const r = await downloadFile({ urls: [url], dest: path, checksum: SHA, progress: (e) => void events.push(e), ...fast });
    expect(r).toEqual({ path, downloaded: true, url });
    await expectCacheClean(path, BODY);
    expect(events.at(-1)).toMatchObject({ done: true, received: BODY.length, total: BODY.length });
    expect(events.length).toBeGreaterThan(1);
  });

  it('reuses a verified cached copy without touching the network', async () => {
    const url = server.route('/cached.bin', { kind: 'ok', body: BODY });
    const path = dest();
    await downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast });
    const before = server.requests.length;
    const r = await downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast });
    expect(r.downloaded).toBe(false);
    expect(server.requests.length).toBe(before);
  });

  it('replaces a cached copy whose checksum is wrong', async () => {
    const url = server.route('/stale.bin', { kind: 'ok', body: BODY });
    const path = dest();
    await writeFile(path, bytes(100, 3));
    const r = await downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast });
    expect(r.downloaded).toBe(true);
    await expectCacheClean(path, BODY);
  });

  it('falls through a 404 mirror to a good one', async () => {
    const bad = server.url('/missing.bin');
    const good = server.route('/mirror2.bin', { kind: 'ok', body: BODY });
    const path = dest();
    const r = await downloadFile({ urls: [bad, good], dest: path, checksum: { algorithm: 'md5', hex: md5(BODY) }, ...fast });
    expect(r.url).toBe(good);
    // 404 is not retried.
    expect(server.requests.filter((q) => q.path === '/missing.bin')).toHaveLength(1);
    await expectCacheClean(path, BODY);
  });

  it('resumes a truncated body with a Range request', async () => {
    const url = server.route('/resume.bin', { kind: 'truncate', body: BODY, after: 50_000, then: { kind: 'ok', body: BODY } });
    const path = dest();
    const r = await downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast });
    expect(r.downloaded).toBe(true);
    const reqs = server.requests.filter((q) => q.path === '/resume.bin');
    expect(reqs).toHaveLength(2);
    expect(reqs[1].headers.range).toBe('bytes=50000-');
    await expectCacheClean(path, BODY);
  });

  it('restarts cleanly when the server ignores Range', async () => {
    const url = server.route('/norange.bin', {
      kind: 'truncate',
      body: BODY,
      after: 70_000,
      then: { kind: 'ok', body: BODY, ranges: false },
    });
    const path = dest();
    await downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast });
    await expectCacheClean(path, BODY);
  });

  it('fails on a body that is always truncated, leaving no file in the cache', async () => {
    const url = server.route('/alwayscut.bin', { kind: 'truncate', body: BODY, after: 10_000 });
    const path = dest();
    // Each truncated attempt resumes and receives another cut: make sure the loop ends and nothing is kept.
    server.route('/alwayscut.bin', { kind: 'truncate', body: BODY, after: 10_000, then: { kind: 'status', status: 503 } });
    const e = await catchAsync(downloadFile({ urls: [url], dest: path, checksum: SHA, attempts: 3, ...fast }));
    expect(e.code).toBe('NETWORK');
    expect(e.file).toBe(path);
    expect(String(e.received)).toMatch(/truncated|interrupted/);
    expect(String(e.received)).toMatch(/HTTP 503/);
    await expectCacheClean(path);
  });

  it('rejects a wrong checksum on every mirror, leaving no file in the cache', async () => {
    const url = server.route('/wrong.bin', { kind: 'ok', body: bytes(200_000, 99) });
    const path = dest();
    const e = await catchAsync(downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast }));
    expect(e.code).toBe('CHECKSUM');
    expect(e.expected).toContain(SHA.hex);
    await expectCacheClean(path);
  });

  it('keeps a previously cached good file when a refresh fails', async () => {
    const url = server.route('/keep.bin', { kind: 'ok', body: bytes(10, 5) });
    const path = dest();
    const old = bytes(64, 11);
    await writeFile(path, old);
    // Wrong checksum on the cached file forces a download, which also fails: the old bytes stay untouched.
    const e = await catchAsync(downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast }));
    expect(e.code).toBe('CHECKSUM');
    await expectCacheClean(path, old);
  });

  it('survives a server dying mid-transfer: error, no corrupt file, then a clean retry later', async () => {
    const dying = new TestServer();
    await dying.start();
    const url = dying.route('/die.bin', { kind: 'die', body: BODY, after: 80_000 });
    const path = dest();
    const e = await catchAsync(downloadFile({ urls: [url], dest: path, checksum: SHA, attempts: 2, ...fast }));
    expect(e.code).toBe('NETWORK');
    expect(String(e.received)).toMatch(/ECONNREFUSED|interrupted|truncated|ECONNRESET/);
    await expectCacheClean(path);
    // A later run against a live mirror completes.
    const good = server.route('/after-death.bin', { kind: 'ok', body: BODY });
    await downloadFile({ urls: [url, good], dest: path, checksum: SHA, attempts: 1, ...fast });
    await expectCacheClean(path, BODY);
  });

  it('aborts a stalled transfer after the idle timeout', async () => {
    const url = server.route('/stall.bin', { kind: 'stall', body: BODY, after: 1000 });
    const path = dest();
    const e = await catchAsync(
      downloadFile({ urls: [url], dest: path, checksum: SHA, attempts: 1, retryDelayMs: 5, idleTimeoutMs: 200 }),
    );
    expect(e.code).toBe('NETWORK');
    await expectCacheClean(path);
  });

  it('never touches the network in offline mode', async () => {
    const url = server.route('/offline.bin', { kind: 'ok', body: BODY });
    const path = dest();
    const before = server.requests.length;
    const e = await catchAsync(downloadFile({ urls: [url], dest: path, checksum: SHA, offline: true, ...fast }));
    expect(e.code).toBe('OFFLINE');
    expect(server.requests.length).toBe(before);
    await downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast });
    const r = await downloadFile({ urls: [url], dest: path, checksum: SHA, offline: true, ...fast });
    expect(r.downloaded).toBe(false);
  });

  it('serialises concurrent downloads of the same file', async () => {
    const url = server.route('/concurrent.bin', { kind: 'ok', body: BODY });
    const path = dest();
    const results = await Promise.all([1, 2, 3].map(() => downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast })));
    expect(results.filter((r) => r.downloaded)).toHaveLength(1);
    expect(server.requests.filter((q) => q.path === '/concurrent.bin')).toHaveLength(1);
    await expectCacheClean(path, BODY);
  });

  it('takes over a lock left by a dead process', async () => {
    const url = server.route('/stale-lock.bin', { kind: 'ok', body: BODY });
    const path = dest();
    await writeFile(`${path}.lock`, '2147483646'); // no such pid
    const r = await downloadFile({ urls: [url], dest: path, checksum: SHA, ...fast });
    expect(r.downloaded).toBe(true);
    await expectCacheClean(path, BODY);
  });

  it('follows redirects and validates its arguments', async () => {
    const path = dest();
    server.route('/target.bin', { kind: 'ok', body: BODY });
    const start = server.route('/redirect.bin', { kind: 'redirect', location: '/target.bin' });
    await downloadFile({ urls: [start], dest: path, checksum: SHA, ...fast });
    expect(server.requests.map((q) => q.path)).toContain('/target.bin');
    await expectCacheClean(path, BODY);
    server.route('/loop.bin', { kind: 'redirect', location: '/loop.bin' });
    const loop = await catchAsync(downloadFile({ urls: [server.url('/loop.bin')], dest: dest(), checksum: SHA, ...fast }));
    expect(String(loop.received)).toContain('too many redirects');
    const e = await catchAsync(downloadFile({ urls: [], dest: dest() }));
    expect(e.code).toBe('BAD_ARGUMENT');
    const e2 = await catchAsync(downloadFile({ urls: ['ftp://x/y'], dest: dest(), ...fast }));
    expect(e2.code).toBe('NETWORK');
    expect(String(e2.received)).toContain('unsupported protocol');
  });
});

/** Resolves once `path` exists (polling), failing after `ms`. */
async function appears(path: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} did not appear within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A real second process downloading `url` to `path`; prints its result as JSON. */
function holder(url: string, path: string, options = ''): Promise<Child> {
  return startChild(`
    const { downloadFile } = await import(${JSON.stringify(srcUrl('download.ts'))});
    try {
      const r = await downloadFile({ urls: [${JSON.stringify(url)}], dest: ${JSON.stringify(path)}, checksum: ${JSON.stringify(SHA)}, retryDelayMs: 5 ${options} });
      console.log(JSON.stringify({ ok: true, downloaded: r.downloaded }));
    } catch (e) {
      console.log(JSON.stringify({ ok: false, code: e.code, message: e.message }));
    }
  `);
}

describe('downloadFile under faults (issue 16)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a second process waits as long as the lock holder is alive and its partial file grows', async () => {
    // Case 11: the waiter used to give up after a fixed time (120 s with the default idle timeout) while the
    // first process was still receiving bytes. The clock of this (waiting) process runs 40× fast here, so the
    // 2.5 s transfer lasts 100 s for the waiter: longer than the old fixed deadline (60 s with these options),
    // yet it never stalls (a chunk every 100 ms = 4 s of its time, against the 120 s default stall timeout).
    const body = bytes(500_000, 21);
    const checksum = { algorithm: 'sha256' as const, hex: sha256(body) };
    const url = server.route('/slow-healthy.bin', { kind: 'slow', body, chunk: 20_000, intervalMs: 100 });
    const path = dest();
    const first = await startChild(`
      const { downloadFile } = await import(${JSON.stringify(srcUrl('download.ts'))});
      const r = await downloadFile({ urls: [${JSON.stringify(url)}], dest: ${JSON.stringify(path)}, checksum: ${JSON.stringify(checksum)} });
      console.log(JSON.stringify(r));
    `);
    await appears(`${path}.part`);
    const realNow = Date.now.bind(Date);
    const start = realNow();
    vi.spyOn(Date, 'now').mockImplementation(() => start + (realNow() - start) * 40);
    const second = await downloadFile({ urls: [url], dest: path, checksum, retryDelayMs: 5, idleTimeoutMs: 2_000 });
    vi.restoreAllMocks();
    expect(second).toEqual({ path, downloaded: false });
    const firstResult = await first.done;
    expect(JSON.parse(firstResult.stdout)).toMatchObject({ downloaded: true });
    expect(server.requests.filter((q) => q.path === '/slow-healthy.bin')).toHaveLength(1);
    await expectCacheClean(path, body);
  });

  it('gives up waiting only when the holder stalls (stallTimeoutMs), with a typed error; a later retry succeeds', async () => {
    const url = server.route('/slow-stalls.bin', { kind: 'slow', body: BODY, chunk: 10_000, intervalMs: 50, stallAfter: 40_000 });
    const path = dest();
    // The holder itself would wait a minute for the stalled server.
    const first = await holder(url, path, ', idleTimeoutMs: 60000, attempts: 1');
    try {
      await appears(`${path}.part`);
      const t0 = Date.now();
      const e = await catchAsync(downloadFile({ urls: [url], dest: path, checksum: SHA, stallTimeoutMs: 800, ...fast }));
      const waited = Date.now() - t0;
      expect(e.code).toBe('NETWORK');
      expect(e.field).toBe('lock');
      expect(e.message).toMatch(/no progress for 800 ms/);
      expect(waited).toBeGreaterThanOrEqual(800);
      expect(waited).toBeLessThan(10_000);
      expect(existsSync(path)).toBe(false);
    } finally {
      first.kill();
      await first.done;
    }
    // The holder is gone: its lock is stale and its partial file is resumed (or restarted) by the next run.
    const good = server.route('/after-stall.bin', { kind: 'ok', body: BODY });
    const r = await downloadFile({ urls: [good], dest: path, checksum: SHA, ...fast });
    expect(r.downloaded).toBe(true);
    await expectCacheClean(path, BODY);
  });

  it('takes over from a holder killed mid-transfer and resumes its partial file', async () => {
    const url = server.route('/killed-holder.bin', {
      kind: 'slow',
      body: BODY,
      chunk: 10_000,
      intervalMs: 50,
      stallAfter: 60_000,
    });
    const path = dest();
    const first = await holder(url, path, ', idleTimeoutMs: 60000, attempts: 1');
    await appears(`${path}.part`);
    while ((await readFile(`${path}.part`)).length < 60_000) await new Promise((r) => setTimeout(r, 20));
    const waiting = downloadFile({
      urls: [server.route('/killed-holder-2.bin', { kind: 'ok', body: BODY })],
      dest: path,
      checksum: SHA,
      ...fast,
    });
    await new Promise((r) => setTimeout(r, 200));
    first.kill();
    await first.done;
    const r = await waiting;
    expect(r.downloaded).toBe(true);
    const resumed = server.requests.filter((q) => q.path === '/killed-holder-2.bin');
    expect(resumed.map((q) => q.headers.range)).toEqual(['bytes=60000-']);
    await expectCacheClean(path, BODY);
  });

  it('refuses an unknown checksum algorithm or a malformed digest before any request', async () => {
    // Case 13: the algorithm used to be checked only after the whole file was downloaded.
    const url = server.route('/algo.bin', { kind: 'ok', body: BODY });
    const bad: { algorithm: unknown; hex: unknown; field: string }[] = [
      { algorithm: 'crc32', hex: '1234abcd', field: 'checksum.algorithm' },
      { algorithm: 'SHA-256', hex: SHA.hex, field: 'checksum.algorithm' },
      { algorithm: 'sha3-256', hex: SHA.hex, field: 'checksum.algorithm' },
      { algorithm: '', hex: SHA.hex, field: 'checksum.algorithm' },
      { algorithm: undefined, hex: SHA.hex, field: 'checksum.algorithm' },
      { algorithm: 'md5', hex: 'abc', field: 'checksum.hex' },
      { algorithm: 'sha256', hex: md5(BODY), field: 'checksum.hex' },
      { algorithm: 'sha1', hex: 'z'.repeat(40), field: 'checksum.hex' },
      { algorithm: 'md5', hex: 42, field: 'checksum.hex' },
    ];
    const before = server.requests.length;
    for (const c of bad) {
      const path = dest();
      const e = await catchAsync(downloadFile({ urls: [url], dest: path, checksum: c as never, ...fast }));
      expect(e.code).toBe('BAD_ARGUMENT');
      expect(e.field).toBe(c.field);
      expect(e.expected).toMatch(/md5, sha1 or sha256|hex digits/);
      expect(existsSync(path)).toBe(false);
    }
    expect(server.requests.length).toBe(before);
  });

  it('every server fault fails with a typed error, leaves nothing in the cache, and a retry succeeds', async () => {
    const faults: [string, Parameters<TestServer['route']>[1], string, RegExp][] = [
      ['stall', { kind: 'stall', body: BODY, after: 30_000 }, 'NETWORK', /no data for 200 ms/],
      [
        'slow then stall',
        { kind: 'slow', body: BODY, chunk: 10_000, intervalMs: 20, stallAfter: 50_000 },
        'NETWORK',
        /no data for 200 ms/,
      ],
      [
        'truncate',
        { kind: 'truncate', body: BODY, after: 10_000, then: { kind: 'truncate', body: BODY, after: 10_000 } },
        'NETWORK',
        /interrupted after 10000 bytes: connection closed before the end of the body/,
      ],
      ['HTTP 503', { kind: 'status', status: 503 }, 'NETWORK', /HTTP 503/],
      ['HTTP 404', { kind: 'status', status: 404 }, 'NETWORK', /HTTP 404/],
      ['wrong bytes', { kind: 'ok', body: bytes(200_000, 5) }, 'CHECKSUM', /checksum mismatch/],
    ];
    for (const [name, behaviour, code, text] of faults) {
      const url = server.route(`/fault-${name.replace(/ /g, '-')}.bin`, behaviour);
      const path = dest();
      const e = await catchAsync(
        downloadFile({ urls: [url], dest: path, checksum: SHA, attempts: 2, retryDelayMs: 5, idleTimeoutMs: 200 }),
      );
      expect(e.code, name).toBe(code);
      expect(e.file, name).toBe(path);
      expect(String(e.received), name).toMatch(text);
      await expectCacheClean(path);
      const good = server.route(`/fault-${name.replace(/ /g, '-')}-fixed.bin`, { kind: 'ok', body: BODY });
      expect((await downloadFile({ urls: [good], dest: path, checksum: SHA, ...fast })).downloaded, name).toBe(true);
      await expectCacheClean(path, BODY);
    }
  });
});
