import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defineSweep, formatSweepReport, readResults, runSweep, SweepError, type TrialSpec } from '../src/index';
import { FIXTURES } from './support/processes';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'dlkit-sweep-local-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const walk = (seed: number, extra: Record<string, string | number> = {}): TrialSpec => ({
  id: `walk-${seed}`,
  trial: { module: FIXTURES, name: 'walkTrial' },
  settings: { steps: 5000, epochs: 3, ...extra },
  seed,
});
const starts = (log: string): string[] =>
  readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(' ')[0] as string);

describe('runSweep on this machine', () => {
  it('with 2 worker processes gives the same records as running every trial inside this process', async () => {
    const sweep = defineSweep({ name: 'same', trials: [1, 2, 3, 4, 5].map((s) => walk(s)) });
    const inline = await runSweep(sweep, { workers: 0 });
    const local = await runSweep(sweep, { workers: 2 });
    expect(local.records.map((r) => r.result)).toEqual(inline.records.map((r) => r.result));
    expect(local.mode).toBe('local');
    expect(inline.mode).toBe('inline');
    expect(inline.records.every((r) => r.where.pid === process.pid && r.where.worker === 'inline')).toBe(true);
    // One fresh process per trial, two slots.
    expect(new Set(local.records.map((r) => r.where.pid)).size).toBe(5);
    expect(new Set(local.records.map((r) => r.where.worker))).toEqual(new Set(['local-1', 'local-2']));
    expect(local.records.every((r) => r.where.pid !== process.pid && r.status === 'ok' && r.attempts === 1)).toBe(true);
    const text = formatSweepReport(local);
    expect(text).toContain('walk-3');
    expect(text).toContain('2 local processes at once');
  }, 30_000);

  it('reports progress with epoch, loss and an ETA', async () => {
    const sweep = defineSweep({ name: 'progress', trials: [walk(1)] });
    const events: { epoch: number; epochs: number; loss?: number; eta: number }[] = [];
    await runSweep(sweep, { workers: 1, onProgress: (e) => events.push(e) });
    expect(events.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(events.every((e) => e.epochs === 3 && typeof e.loss === 'number' && e.eta >= 0)).toBe(true);
    expect(events[2]?.eta).toBe(0);
  }, 30_000);

  it('reports a trial that throws, or returns NaN, with its error, and runs the others', async () => {
    const sweep = defineSweep({
      name: 'errors',
      trials: [
        walk(1),
        { id: 'throws', trial: { module: FIXTURES, name: 'throwingTrial' }, settings: { rate: 3 }, seed: 1 },
        { id: 'nan', trial: { module: FIXTURES, name: 'nanTrial' }, settings: {}, seed: 1 },
        walk(2),
      ],
    });
    for (const workers of [0, 2]) {
      const report = await runSweep(sweep, { workers });
      expect(report.records.map((r) => r.status)).toEqual(['ok', 'failed', 'failed', 'ok']);
      expect(report.failed).toBe(2);
      expect(report.records[1]?.error).toMatchObject({ name: 'RangeError', code: 'RATE', message: 'rate 3 is out of range' });
      expect(report.records[2]?.error).toMatchObject({ name: 'SweepError', code: 'BAD_RESULT' });
      expect(report.records[2]?.error?.message).toContain('result.loss is NaN');
    }
  }, 30_000);

  it('resumes from its results file: finished trials are not run again, a changed setting runs only that trial', async () => {
    const dir = tmp();
    const log = join(dir, 'starts.log');
    const file = join(dir, 'results.jsonl');
    const trials = [1, 2, 3, 4].map((s) => walk(s, { log }));
    const first = await runSweep(defineSweep({ name: 'resume', trials: trials.slice(0, 2) }), { workers: 2, resultsFile: file });
    expect([first.ran, first.reused]).toEqual([2, 0]);
    const second = await runSweep(defineSweep({ name: 'resume', trials }), { workers: 2, resultsFile: file });
    expect([second.ran, second.reused]).toEqual([2, 2]);
    expect(second.records.slice(0, 2)).toEqual(first.records);
    expect(starts(log)).toHaveLength(4);
    const changed = trials.map((t, i) => (i === 3 ? walk(4, { log, steps: 6000 }) : t));
    const third = await runSweep(defineSweep({ name: 'resume', trials: changed }), { workers: 2, resultsFile: file });
    expect([third.ran, third.reused]).toEqual([1, 3]);
    expect(starts(log)).toHaveLength(5);
    expect(new Set(starts(log)).size).toBe(5);
    // The file holds every trial that was ever finished, each once.
    expect((await readResults(file, 'resume')).size).toBe(5);
  }, 30_000);

  it('runs a failed trial again on the next call unless rerunFailed is false', async () => {
    const dir = tmp();
    const file = join(dir, 'results.jsonl');
    const sweep = defineSweep({
      name: 'rerun',
      trials: [{ id: 'throws', trial: { module: FIXTURES, name: 'throwingTrial' }, settings: { rate: 1 }, seed: 1 }],
    });
    await runSweep(sweep, { workers: 0, resultsFile: file });
    expect((await runSweep(sweep, { workers: 0, resultsFile: file, rerunFailed: false })).ran).toBe(0);
    expect((await runSweep(sweep, { workers: 0, resultsFile: file })).ran).toBe(1);
  });

  it('stops when its signal aborts: no trial starts after, the running ones end and are not recorded', async () => {
    const dir = tmp();
    const file = join(dir, 'results.jsonl');
    const log = join(dir, 'starts.log');
    // Trial 1 is quick; the slow ones wait 60 s per epoch, so only the abort can end them within the test.
    const sweep = defineSweep({
      name: 'abort',
      trials: [walk(1, { log }), walk(2, { ms: 60_000, log }), walk(3, { ms: 60_000, log }), walk(4, { log })],
    });
    const stop = new AbortController();
    const t0 = Date.now();
    const error = await runSweep(sweep, {
      workers: 2,
      resultsFile: file,
      stopGraceMs: 2000,
      signal: stop.signal,
      onProgress: (e) => {
        if (e.id === 'walk-3') stop.abort();
      },
    }).catch((e) => e);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(error).toBeInstanceOf(SweepError);
    expect(error).toMatchObject({ code: 'ABORTED', received: expect.arrayContaining(['walk-2', 'walk-3']) });
    expect(error.message).toContain('1 not started');
    const records = await readResults(file, 'abort');
    expect([...records.values()].map((r) => r.id)).toEqual(['walk-1']);
    const pids = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => Number(l.split(' ')[1]));
    expect(pids).toHaveLength(3);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);

  it('fails before running anything when a trial module or export cannot be found', async () => {
    const missingExport = defineSweep({
      name: 'm',
      trials: [walk(1), { trial: { module: FIXTURES, name: 'nope' }, settings: {}, seed: 1 }],
    });
    const e1 = await runSweep(missingExport, { workers: 1 }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(SweepError);
    expect(e1).toMatchObject({ code: 'TRIAL_NOT_FOUND', argument: 'trial.name' });
    expect((e1 as SweepError).hint).toContain('walkTrial');
    const notATrial = defineSweep({
      name: 'm',
      trials: [{ trial: { module: FIXTURES, name: 'notATrial' }, settings: {}, seed: 1 }],
    });
    await expect(runSweep(notATrial, { workers: 1 })).rejects.toMatchObject({
      code: 'TRIAL_NOT_FOUND',
      expected: 'an export "notATrial" made with defineTrial',
    });
    const missingModule = defineSweep({
      name: 'm',
      trials: [{ trial: { module: '@nobody/no-such-trials', name: 'x' }, settings: {}, seed: 1 }],
    });
    await expect(runSweep(missingModule)).rejects.toMatchObject({ code: 'TRIAL_NOT_FOUND', argument: 'trial.module' });
  });

  it('checks its options: workers is a non-negative integer, and is not given with redis', async () => {
    const sweep = defineSweep({ name: 'opts', trials: [walk(1)] });
    await expect(runSweep(sweep, { workers: -1 })).rejects.toMatchObject({ code: 'BAD_ARGUMENT', argument: 'workers' });
    await expect(runSweep(sweep, { workers: 2, redis: 'redis://127.0.0.1:6379' })).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      argument: 'workers',
    });
  });

  it('defaults to floor(cores / threads per trial) processes, at least one', async () => {
    const report = await runSweep(defineSweep({ name: 'default', trials: [walk(1)] }));
    expect(report.workers).toBe(Math.max(1, availableParallelism()));
    const wide = await runSweep(
      defineSweep({ name: 'wide', trials: [walk(1), { trial: { module: FIXTURES, name: 'wideTrial' }, settings: {}, seed: 1 }] }),
    );
    expect(wide.workers).toBe(Math.max(1, Math.floor(availableParallelism() / 64)));
    // The trial is told its threads.
    expect(wide.records[1]?.result).toEqual({ threads: 64 });
  }, 30_000);
});
