import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How a route answers. */
export type Behaviour =
  | { kind: 'ok'; body: Uint8Array; ranges?: boolean }
  | { kind: 'status'; status: number }
  | { kind: 'truncate'; body: Uint8Array; after: number; then?: Behaviour }
  | { kind: 'die'; body: Uint8Array; after: number }
  | { kind: 'stall'; body: Uint8Array; after: number }
  | { kind: 'redirect'; location: string }
  | { kind: 'slow'; body: Uint8Array; chunk: number; intervalMs: number; stallAfter?: number };

/** A real HTTP server on 127.0.0.1 with scripted routes, recording each request. */
export class TestServer {
  readonly requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  private readonly routes = new Map<string, Behaviour>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  port = 0;

  route(path: string, behaviour: Behaviour): string {
    this.routes.set(path, behaviour);
    return this.url(path);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      this.requests.push({ path, headers: req.headers });
      const b = this.routes.get(path);
      if (b === undefined) {
        res.writeHead(404).end();
        return;
      }
      if (b.kind === 'truncate' && b.then !== undefined) {
        // Only the first request is truncated; later ones get `then`.
        this.routes.set(path, b.then);
      }
      switch (b.kind) {
        case 'status':
          res.writeHead(b.status).end();
          return;
        case 'redirect':
          res.writeHead(302, { location: b.location }).end();
          return;
        case 'ok': {
          const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
          if (range !== null && (b.ranges ?? true)) {
            const start = Number(range[1]);
            if (start >= b.body.length) {
              res.writeHead(416, { 'content-range': `bytes */${b.body.length}` }).end();
              return;
            }
            res.writeHead(206, {
              'content-length': b.body.length - start,
              'content-range': `bytes ${start}-${b.body.length - 1}/${b.body.length}`,
            });
            res.end(Buffer.from(b.body.subarray(start)));
            return;
          }
          res.writeHead(200, { 'content-length': b.body.length });
          res.end(Buffer.from(b.body));
          return;
        }
        case 'truncate':
          // Promise the whole body, send part of it, then close the connection cleanly.
          res.writeHead(200, { 'content-length': b.body.length });
          res.write(Buffer.from(b.body.subarray(0, b.after)), () => res.socket?.end());
          return;
        case 'die':
          // Send part of the body, then the whole server goes away (sockets reset, port closed).
          res.writeHead(200, { 'content-length': b.body.length });
          res.write(Buffer.from(b.body.subarray(0, b.after)), () => {
            setTimeout(() => void this.stop(), 20);
          });
          return;
        case 'stall':
          res.writeHead(200, { 'content-length': b.body.length });
          res.write(Buffer.from(b.body.subarray(0, b.after)));
          return;
        case 'slow': {
          // A healthy but slow server: `chunk` bytes every `intervalMs`; with `stallAfter`, it goes silent
          // (connection kept open) once that many bytes are sent.
          res.writeHead(200, { 'content-length': b.body.length });
          let sent = 0;
          const timer = setInterval(() => {
            const limit = Math.min(b.body.length, b.stallAfter ?? b.body.length);
            if (sent >= limit) {
              clearInterval(timer);
              if (sent >= b.body.length) res.end();
              return;
            }
            const next = Math.min(limit, sent + b.chunk);
            res.write(Buffer.from(b.body.subarray(sent, next)));
            sent = next;
          }, b.intervalMs);
          res.on('close', () => clearInterval(timer));
          return;
        }
      }
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  }
}

export const md5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');
export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Deterministic pseudo-random bytes. */
export function bytes(n: number, seed = 1): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
