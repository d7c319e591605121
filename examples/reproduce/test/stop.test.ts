import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

// The fake example (test/fixtures/stop/fake-example.mjs) is a child that starts a grandchild; both write a pid
// file and a heartbeat for up to 60 s. The grandchild ignores SIGTERM and SIGINT.
const FIXTURES = fileURLToPath(new URL('./fixtures/stop/', import.meta.url));
const HERE = fileURLToPath(new URL('..', import.meta.url));
const GRACE_MS = 1000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `pid` is a live process (a zombie, ended but not yet reaped, counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return true;
  }
}

async function waitFor<T>(what: string, f: () => T | undefined, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

const pidIn = (file: string) => (existsSync(file) && readFileSync(file, 'utf8') ? Number(readFileSync(file, 'utf8')) : undefined);

/** Everything a test started, killed afterwards even when the test fails. */
const started: { dir: string; runner: ChildProcess; more: number[] }[] = [];
afterEach(() => {
  for (const { dir, runner, more } of started.splice(0)) {
    const pids = [runner.pid, ...more, pidIn(join(dir, 'child.pid')), pidIn(join(dir, 'grandchild.pid'))];
    for (const pid of pids) {
      if (pid === undefined) continue;
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Starts a fixture script (nice 19: the tests share the machine) and resolves once the grandchild beats. */
async function start(script: string) {
  const dir = mkdtempSync(join(tmpdir(), 'reproduce-stop-'));
  const argv =
    script === 'pnpm'
      ? ['sh', join(FIXTURES, 'pnpm'), dir]
      : [process.execPath, '--import', 'tsx', join(FIXTURES, script), dir, String(GRACE_MS)];
  const runner = spawn('nice', ['-n', '19', ...argv], {
    cwd: HERE,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE: process.execPath },
  });
  const more: number[] = [];
  started.push({ dir, runner, more });
  let output = '';
  runner.stdout?.on('data', (d) => (output += d));
  runner.stderr?.on('data', (d) => (output += d));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    runner.on('exit', (code, signal) => r({ code, signal })),
  );
  // Starting the tree under `nice -n 19` takes seconds on a quiet machine and can take half a minute or more on
  // a busy one (measured: over 30 s in a CI run beside two training runs); only the stops are timed tightly.
  const child = await waitFor('the child', () => pidIn(join(dir, 'child.pid')), 90_000);
  const grandchild = await waitFor('the grandchild', () => pidIn(join(dir, 'grandchild.pid')), 90_000);
  await waitFor('a heartbeat', () => (existsSync(join(dir, 'grandchild.beat')) ? true : undefined), 10_000);
  return { dir, runner, more, child, grandchild, ended, output: () => output };
}

/** The heartbeat files do not grow any more. */
async function expectNoHeartbeat(dir: string) {
  const size = (role: string) => statSync(join(dir, `${role}.beat`)).size;
  const before = [size('child'), size('grandchild')];
  await sleep(400);
  expect([size('child'), size('grandchild')]).toEqual(before);
}

describe.skipIf(process.platform === 'win32')('runCommand when its process is stopped', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s: the example’s whole tree stops, the runner waits for it, the example’s checkpoint is kept, the runner dies of the signal',
    async (signal) => {
      const run = await start('run-fake.ts');
      // nice execs node: the runner's pid is the one runCommand runs in.
      process.kill(run.runner.pid as number, signal);
      const { signal: died } = await run.ended;
      // By the time the runner is gone, so is everything it started.
      expect(died).toBe(signal);
      expect(alive(run.child)).toBe(false);
      expect(alive(run.grandchild)).toBe(false);
      expect(readFileSync(join(run.dir, 'child.checkpoint'), 'utf8')).toBe(signal);
      await expectNoHeartbeat(run.dir);
    },
    240_000,
  );

  it('SIGKILL: the tree notices its runner is gone and is gone itself within 3 s (checkpoint kept)', async () => {
    const run = await start('run-fake.ts');
    process.kill(run.runner.pid as number, 'SIGKILL');
    await run.ended;
    const t0 = Date.now();
    await waitFor('the tree to end', () => (alive(run.child) || alive(run.grandchild) ? undefined : true), 3000 + GRACE_MS);
    expect(Date.now() - t0).toBeLessThan(3000 + GRACE_MS);
    expect(readFileSync(join(run.dir, 'child.checkpoint'), 'utf8')).toBe('SIGTERM');
    await expectNoHeartbeat(run.dir);
  }, 240_000);
});

describe.skipIf(process.platform === 'win32')('the reproduction’s sweep when reproduce is stopped', () => {
  it('SIGTERM: the experiment’s tree (two processes below the trial process) stops, what was interrupted and how to resume is printed, exit status 143, nothing recorded', async () => {
    const run = await start('run-fake-sweep.ts');
    process.kill(run.runner.pid as number, 'SIGTERM');
    const { code } = await run.ended;
    expect(code).toBe(143);
    expect(alive(run.child)).toBe(false);
    expect(alive(run.grandchild)).toBe(false);
    expect(readFileSync(join(run.dir, 'child.checkpoint'), 'utf8')).toBe('SIGTERM');
    expect(run.output()).toContain('stopped by SIGTERM');
    expect(run.output()).toMatch(/interrupted: \S+ \(output so far: .*log\.txt\)/);
    expect(run.output()).toContain('To resume');
    // The interrupted experiment is not in the results file: the next run runs it again.
    const records = existsSync(join(run.dir, 'trials.jsonl')) ? readFileSync(join(run.dir, 'trials.jsonl'), 'utf8') : '';
    expect(records).not.toContain('"status"');
    await expectNoHeartbeat(run.dir);
  }, 240_000);

  it('SIGKILL: the trial process, the guard and the example’s tree are all gone within 3 s', async () => {
    const run = await start('run-fake-sweep.ts');
    process.kill(run.runner.pid as number, 'SIGKILL');
    await run.ended;
    await waitFor('the tree to end', () => (alive(run.child) || alive(run.grandchild) ? undefined : true), 3000 + GRACE_MS);
    await expectNoHeartbeat(run.dir);
  }, 240_000);

  it('SIGKILL to a pnpm wrapper above it (which passes nothing on): reproduce notices, stops the tree within 3 s, says so', async () => {
    const run = await start('pnpm');
    // The wrapper's reproduce process, still running under it.
    const reproduce = await waitFor(
      'reproduce under the wrapper',
      () => {
        const kids = readFileSync(`/proc/${run.runner.pid}/task/${run.runner.pid}/children`, 'utf8').trim();
        return kids ? Number(kids.split(' ')[0]) : undefined;
      },
      5000,
    );
    run.more.push(reproduce);
    process.kill(run.runner.pid as number, 'SIGKILL');
    await waitFor('the tree to end', () => (alive(run.child) || alive(run.grandchild) ? undefined : true), 3000 + GRACE_MS);
    await waitFor('reproduce to end', () => (alive(reproduce) ? undefined : true), 10_000);
    expect(run.output()).toContain('stopped by SIGHUP');
    // reproduce stopped its sweep, which stops a trial process with SIGTERM, which passes it on.
    expect(readFileSync(join(run.dir, 'child.checkpoint'), 'utf8')).toBe('SIGTERM');
    await expectNoHeartbeat(run.dir);
  }, 240_000);
});
