import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResults, runSweep, type Sweep, type TrialRecord } from '../src/index';
import { walkSweep } from './fixtures/walk-sweep.mjs';
import { alive, startProcess, stopProcess, WORKER_CLI, type Proc } from './support/processes';
import { haveRedis, startRedis, type TestRedis } from './support/redis-server';

// Every test runs against a redis-server of its own, on a free loopback port, stopped afterwards.
let redis: TestRedis;
let dir: string;
const procs: Proc[] = [];

beforeAll(async () => {
  if (!haveRedis) throw new Error("these tests need Debian's redis-server (/usr/bin/redis-server): apt-get install redis-server");
  redis = await startRedis();
  dir = mkdtempSync(join(tmpdir(), 'dlkit-sweep-redis-test-'));
});

afterAll(async () => {
  await Promise.all(procs.map((p) => stopProcess(p)));
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A dlkit-worker process with short locks, so a killed worker's trial is retried within about 3 seconds. */
function worker(queue: string, name: string): Proc {
  const p = startProcess([
    WORKER_CLI,
    '--redis',
    redis.url,
    '--queue',
    queue,
    '--name',
    name,
    '--lock-duration',
    '2000',
    '--stalled-interval',
    '1000',
  ]);
  procs.push(p);
  return p;
}

/** Starts per trial key, from the fixture's log file. */
function starts(log: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
    const key = line.split(' ')[0] as string;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function linesOf(file: string): TrialRecord[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as TrialRecord);
}

async function inline(sweep: Sweep): Promise<unknown[]> {
  return (await runSweep(sweep, { workers: 0 })).records.map((r) => r.result);
}

describe('runSweep through Redis', () => {
  it('loses nothing when a worker is killed with SIGKILL mid-trial: its trial is retried on the other, every result is stored once', async () => {
    const queue = 'kill-test';
    const log = join(dir, 'kill.log');
    const results = join(dir, 'kill.jsonl');
    const sweep: Sweep = walkSweep({ name: 'kill', count: 6, epochs: 8, ms: 100, log });
    const a = worker(queue, 'worker-a');
    const b = worker(queue, 'worker-b');
    await Promise.all([a.waitFor(/waiting for trials/), b.waitFor(/waiting for trials/)]);
    const running = runSweep(sweep, { redis: redis.url, queue, resultsFile: results });
    const started = await a.waitFor(/start kill walk-\d+/);
    await a.waitFor(/epoch 2\/8/);
    a.child.kill('SIGKILL');
    await a.exited;
    const killedId = (/walk-\d+/.exec(started) as RegExpExecArray)[0];
    const report = await running;

    expect(report.records.map((r) => r.status)).toEqual(Array(6).fill('ok'));
    const lines = linesOf(results);
    expect(lines.map((r) => r.id).sort()).toEqual(sweep.trials.map((t) => t.id).sort());
    const killed = report.records.find((r) => r.id === killedId) as TrialRecord;
    expect(killed.where.worker).toBe('worker-b');
    expect(killed.attempts).toBe(2);
    const counts = starts(log);
    expect(counts.get(killed.key)).toBe(2);
    for (const t of sweep.trials) if (t.id !== killedId) expect(counts.get(t.key), t.id).toBe(1);
    // The killed worker's trial process stopped with it.
    const pids = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => Number(l.split(' ')[1]));
    await new Promise((r) => setTimeout(r, 300));
    expect(pids.filter(alive)).toEqual([]);
    // Same results as each trial run alone in one process (which logs one more start of each).
    expect(report.records.map((r) => r.result)).toEqual(await inline(sweep));
    const afterInline = starts(log);
    // Stored in Redis too: a second call finds every trial there and runs none.
    const again = await runSweep(sweep, { redis: redis.url, queue });
    expect(again.records.map((r) => r.result)).toEqual(report.records.map((r) => r.result));
    expect([again.ran, again.reused]).toEqual([0, 6]);
    expect(starts(log)).toEqual(afterInline);
    await stopProcess(b);
  }, 60_000);

  it('resumes after the coordinator is killed mid-sweep, without running finished trials again', async () => {
    const queue = 'restart-test';
    const log = join(dir, 'restart.log');
    const results = join(dir, 'restart.jsonl');
    const options = { name: 'restart', count: 6, epochs: 4, ms: 100, log };
    const w = worker(queue, 'worker-r');
    await w.waitFor(/waiting for trials/);
    const coordinator = startProcess([
      fileURLToPath(new URL('./fixtures/coordinator.mjs', import.meta.url)),
      redis.url,
      queue,
      results,
      JSON.stringify(options),
    ]);
    procs.push(coordinator);
    await coordinator.waitFor(/result walk-\d+ 2\/6/);
    coordinator.child.kill('SIGKILL');
    await coordinator.exited;
    const before = await readResults(results, 'restart');
    expect(before.size).toBeGreaterThanOrEqual(2);

    const report = await runSweep(walkSweep(options), { redis: redis.url, queue, resultsFile: results });
    // Found finished in the file, or in Redis (finished while no coordinator ran); none of them ran here.
    expect(report.reused).toBeGreaterThanOrEqual(before.size);
    expect(report.ran + report.reused).toBe(6);
    expect(report.records.every((r) => r.status === 'ok')).toBe(true);
    const lines = linesOf(results);
    expect(lines).toHaveLength(6);
    expect(new Set(lines.map((r) => r.key)).size).toBe(6);
    // The worker went on while no coordinator ran; nothing ran twice.
    expect([...starts(log).values()]).toEqual(Array(6).fill(1));
    await stopProcess(w);
  }, 60_000);

  it('reports a trial that throws with its error, and runs the others', async () => {
    const queue = 'throw-test';
    const w = worker(queue, 'worker-t');
    const sweep = walkSweep({
      name: 'throws',
      count: 2,
      epochs: 2,
      ms: 0,
      extra: [{ id: 'bad', name: 'throwingTrial', settings: { rate: 7 }, seed: 1 }],
    });
    const report = await runSweep(sweep, { redis: redis.url, queue });
    expect(report.records.map((r) => r.status)).toEqual(['ok', 'ok', 'failed']);
    expect(report.failed).toBe(1);
    const bad = report.records[2] as TrialRecord;
    expect(bad.error).toMatchObject({ name: 'RangeError', code: 'RATE', message: 'rate 7 is out of range' });
    expect(bad.where.worker).toBe('worker-t');
    await stopProcess(w);
  }, 60_000);

  it('leaves nothing open: a process that ran a local and a Redis sweep and closed its worker exits by itself', async () => {
    const p = startProcess([fileURLToPath(new URL('./fixtures/no-leaks.mjs', import.meta.url)), redis.url]);
    procs.push(p);
    const timer = setTimeout(() => p.child.kill('SIGKILL'), 20_000);
    const code = await p.exited;
    clearTimeout(timer);
    expect(code, p.lines.join('\n')).toBe(0);
    expect(p.lines).toContain('done same');
  }, 30_000);
});
