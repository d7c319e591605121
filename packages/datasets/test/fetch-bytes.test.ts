import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../src/progress';
import { fetchBytes } from '../src/fetch-bytes';
import { catchAsync, gzip } from './helpers';
import { TestServer, bytes, md5 } from './http-server';

const server = new TestServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('fetchBytes', () => {
  it('returns plain bytes as served and gunzips gzip bytes, reporting progress up to Content-Length', async () => {
    const raw = bytes(200_000, 5);
    const plainUrl = server.route('/plain.bin', { kind: 'ok', body: raw });
    const gzUrl = server.route('/data/file.gz?x=1', { kind: 'ok', body: gzip(raw) });
    expect(same(await fetchBytes(plainUrl), raw)).toBe(true);
    const events: ProgressEvent[] = [];
    const out = await fetchBytes(gzUrl, { progress: (e) => events.push(e), expectedMd5: md5(gzip(raw)).toUpperCase() });
    expect(same(out, raw)).toBe(true);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ url: gzUrl, file: 'file.gz', done: true, received: gzip(raw).length, total: gzip(raw).length });
    expect(events.filter((e) => !e.done).length).toBeGreaterThan(0);
    // gunzip: false keeps the compressed bytes.
    expect(same(await fetchBytes(gzUrl, { gunzip: false }), gzip(raw))).toBe(true);
  });

  it('fails with NOT_FOUND on HTTP 404 and NETWORK on HTTP 500, naming the URL and the status', async () => {
    const missing = await catchAsync(fetchBytes(server.url('/nope.gz')));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.file).toBe(server.url('/nope.gz'));
    expect(missing.field).toBe('status');
    expect(missing.received).toBe(404);
    expect(missing.message).toContain('HTTP 404');
    server.route('/boom', { kind: 'status', status: 500 });
    const boom = await catchAsync(fetchBytes(server.url('/boom')));
    expect(boom.code).toBe('NETWORK');
    expect(boom.received).toBe(500);
  });

  it('fails with TRUNCATED when the connection closes before Content-Length', async () => {
    const body = bytes(100_000, 8);
    const url = server.route('/cut.bin', { kind: 'truncate', body, after: 30_000 });
    const e = await catchAsync(fetchBytes(url));
    expect(e.code).toBe('TRUNCATED');
    expect(e.file).toBe(url);
    expect(e.expected).toContain('100000 bytes');
  });

  it('fails with TRUNCATED when a body ends short of its Content-Length without an error (any fetch)', async () => {
    const shortFetch = async () => new Response(new Uint8Array(10), { headers: { 'content-length': '25' } });
    const e = await catchAsync(fetchBytes('https://example.test/x.bin', { fetch: shortFetch }));
    expect(e.code).toBe('TRUNCATED');
    expect(e.field).toBe('Content-Length');
    expect(e.received).toBe('10 bytes');
    expect(e.expected).toBe('25 bytes');
    // A Content-Encoding makes Content-Length incomparable with the decoded body: not checked.
    const encodedFetch = async () =>
      new Response(new Uint8Array(10), { headers: { 'content-length': '4', 'content-encoding': 'br' } });
    expect((await fetchBytes('https://example.test/y.bin', { fetch: encodedFetch })).length).toBe(10);
  });

  it('says a Content-Encoding decoded by fetch makes the stored md5 uncheckable (Vite serves .gz files so)', async () => {
    const raw = new TextEncoder().encode('decoded by the transport');
    const decoded = async () => new Response(raw, { headers: { 'content-encoding': 'gzip', 'content-length': '20' } });
    const url = 'https://example.test/mnist/t10k-labels-idx1-ubyte.gz';
    expect(Buffer.from(await fetchBytes(url, { fetch: decoded })).toString()).toBe('decoded by the transport');
    const e = await catchAsync(fetchBytes(url, { fetch: decoded, expectedMd5: md5(gzip(raw)) }));
    expect(e).toMatchObject({ code: 'CHECKSUM', field: 'Content-Encoding', received: 'gzip' });
    expect(e.hint).toContain('verify: false');
    // Hidden encoding (cross-origin responses may not expose the header): the mismatch hint says what happened.
    const hidden = async () => new Response(raw);
    const h = await catchAsync(fetchBytes(url, { fetch: hidden, expectedMd5: md5(gzip(raw)) }));
    expect(h).toMatchObject({ code: 'CHECKSUM', field: 'md5', received: md5(raw) });
    expect(h.hint).toContain('already decompressed');
  });

  it('fails with CHECKSUM on a wrong md5, with both digests', async () => {
    const body = gzip(bytes(5000, 2));
    const url = server.route('/sum.gz', { kind: 'ok', body });
    const e = await catchAsync(fetchBytes(url, { expectedMd5: 'ec29112dd5afa0611ce80d1b7f02629c' }));
    expect(e.code).toBe('CHECKSUM');
    expect(e.received).toBe(md5(body));
    expect(e.expected).toBe('ec29112dd5afa0611ce80d1b7f02629c');
  });

  it('returns non-gzip bytes untouched, and fails with BAD_FORMAT on gzip magic followed by garbage', async () => {
    const text = new TextEncoder().encode('not gzip at all, just text\n');
    expect(same(await fetchBytes(server.route('/text.txt', { kind: 'ok', body: text })), text)).toBe(true);
    const fake = new Uint8Array([0x1f, 0x8b, ...bytes(500, 4)]);
    const e = await catchAsync(fetchBytes(server.route('/fake.gz', { kind: 'ok', body: fake })));
    expect(e.code).toBe('BAD_FORMAT');
    expect(e.field).toBe('gzip');
  });

  it('fails with NETWORK when nothing listens, and rethrows an abort as an AbortError', async () => {
    const other = new TestServer();
    await other.start();
    const deadUrl = other.url('/x');
    await other.stop();
    const dead = await catchAsync(fetchBytes(deadUrl));
    expect(dead.code).toBe('NETWORK');
    expect(dead.file).toBe(deadUrl);
    const controller = new AbortController();
    const stalled = server.route('/stall', { kind: 'stall', body: bytes(10_000, 1), after: 100 });
    const pending = fetchBytes(stalled, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
