import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReproductionResults } from '../src/results';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'reproduce-redis-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

async function listening(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const up = await new Promise<boolean>((ok) => {
      const s = connect(port, '127.0.0.1', () => ok(s.end() !== undefined));
      s.on('error', () => ok(false));
    });
    if (up) return;
    if (Date.now() > deadline) throw new Error(`redis-server did not listen on ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('reproduce --redis URL (a redis-server and a dlkit-worker of the test’s own)', () => {
  it('the worker finds the trial module and runs the experiment; the coordinator writes the page', async () => {
    const port = await freePort();
    children.push(
      spawn(
        '/usr/bin/redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
        {
          stdio: 'ignore',
        },
      ),
    );
    await listening(port, 10_000);
    const url = `redis://127.0.0.1:${port}`;
    // What `pnpm --filter @dlkit-examples/reproduce worker --redis URL` runs, from this package's folder.
    const worker = spawn(
      process.execPath,
      ['--import', 'tsx', join(HERE, 'node_modules/@dlkit/sweep/dist/worker-cli.js'), '--redis', url],
      {
        cwd: HERE,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.push(worker);
    let workerLog = '';
    worker.stdout?.on('data', (d: Buffer) => (workerLog += d.toString()));
    worker.stderr?.on('data', (d: Buffer) => (workerLog += d.toString()));
    const out = join(dir, 'out');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/main.ts', '--quick', '--only', 'rnnlm', '--redis', url, '--out', out],
      {
        cwd: HERE,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.status, r.stderr + workerLog).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ReproductionResults;
    expect(results.sweep).toMatchObject({ mode: 'redis', ran: 1, failed: 0 });
    expect(results.experiments[0]).toMatchObject({ id: 'rnnlm', status: 'ok' });
    expect(results.experiments[0].figures?.kn5).toBeGreaterThan(1);
    // The record says which worker ran it: the test's dlkit-worker process, not this one.
    const record = JSON.parse(readFileSync(join(out, 'trials.jsonl'), 'utf8').trim()) as {
      where: { worker: string; pid: number };
    };
    expect(record.where.worker).toBe(`${hostname()}:${worker.pid}`);
  }, 180_000);
});
