import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { commandArgv, commandCwd, commandLine } from './command-line';
import { ReproduceError } from './errors';
import type { Command } from './experiment';
import { DEFAULT_GRACE_MS, spawnGuarded } from './guarded-spawn';

/** Epoch progress a line of an example's output shows (`epoch 3/30`, `step 100/3000`). */
export function progressOf(line: string): { epoch: number; epochs: number } | undefined {
  const m = /\b(?:epoch|step)\s+(\d+)\s*\/\s*(\d+)/i.exec(line);
  if (!m) return undefined;
  const epoch = Number(m[1]);
  const epochs = Number(m[2]);
  // Step 0 (before training) says nothing about the pace.
  return epoch >= 1 && epoch <= epochs ? { epoch, epochs } : undefined;
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  /** The repository root of this checkout (the command's `cwd` is relative to it). */
  root: string;
  python: string;
  /** The log file: the command line, then every line the example prints (stdout and stderr). */
  log: string;
  /** Called for every output line. */
  onLine?: (line: string) => void;
  /** Milliseconds a stopped example's tree has before SIGKILL. Default {@link DEFAULT_GRACE_MS}. */
  graceMs?: number;
}

/** The first line child-guard.mjs writes when the command cannot be started. */
const CANNOT_START = /^child-guard: cannot start .*$/m;

/**
 * Runs an example's command as a child process tree of its own (see {@link spawnGuarded}), writes its output
 * to the log file as it comes, and resolves with the wall seconds when it exits with status 0. Otherwise rejects
 * with a `ReproduceError` (`EXAMPLE_FAILED`) holding the exit status and the last lines of the output.
 *
 * Nothing outlives it: when this process is told to stop (SIGINT, SIGTERM) the example's whole tree
 * gets the same signal (SIGKILL after the grace period), and once it has ended this process dies of that signal
 * too, as if nothing had listened; unless someone else listens for it (reproduce's main, which stops the
 * sweep), then the run rejects with `INTERRUPTED`. When this process exits, or dies of SIGKILL, the guard stops
 * the tree by itself. Files the example wrote (checkpoints, log) stay as they are.
 */
export async function runCommand(command: Command, options: RunCommandOptions): Promise<number> {
  mkdirSync(dirname(options.log), { recursive: true });
  const log = createWriteStream(options.log, { flags: 'a' });
  let logClosed: Promise<void> | undefined;
  const closeLog = () => (logClosed ??= new Promise<void>((r) => log.end(r)));
  const line = commandLine(command, options.python);
  log.write(`\n# ${new Date().toISOString()} ${line}\n`);
  const { file, args } = commandArgv(command, options.python);
  const started = performance.now();
  const guarded = spawnGuarded(file, args, {
    cwd: commandCwd(command, options.root),
    env: { ...process.env, FORCE_COLOR: '0' },
    ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }),
  });
  const { child } = guarded;
  let stoppedBy: NodeJS.Signals | undefined;
  const onExit = () => guarded.stop('SIGTERM');
  // Kept installed until the tree has ended: a second Ctrl-C must not kill this process before it has waited.
  const onSignal = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
    guarded.stop(signal);
  };
  // Not SIGHUP: a handler would override the ignoring `nohup` sets up (closing the terminal stops the run
  // then); a process that dies of it is covered by the guard like one killed.
  const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  for (const s of SIGNALS) process.on(s, onSignal);
  process.once('exit', onExit);
  const unlisten = () => {
    for (const s of SIGNALS) process.off(s, onSignal);
    process.off('exit', onExit);
  };
  const tail: string[] = [];
  const onData = (pending: { text: string }) => (chunk: Buffer) => {
    log.write(chunk);
    pending.text += chunk.toString('utf8');
    const parts = pending.text.split(/\r?\n|\r/);
    pending.text = parts.pop() ?? '';
    for (const l of parts) {
      tail.push(l);
      if (tail.length > 20) tail.shift();
      options.onLine?.(l);
    }
  };
  child.stdout.on('data', onData({ text: '' }));
  child.stderr.on('data', onData({ text: '' }));
  try {
    const status = await new Promise<number | string>((resolvePromise, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolvePromise(code ?? signal ?? 'unknown'));
    });
    await guarded.sweep();
    if (stoppedBy !== undefined) {
      unlisten();
      await closeLog();
      if (process.listenerCount(stoppedBy) === 0) {
        process.kill(process.pid, stoppedBy);
        // The signal ends this process; nothing after it should run meanwhile.
        await new Promise(() => {});
      }
      throw new ReproduceError({
        code: 'INTERRUPTED',
        file: options.log,
        argument: command.cwd,
        received: stoppedBy,
        expected: 'the example to run to its end',
        message: `${line} was stopped by ${stoppedBy} (its files are kept; output: ${options.log})`,
      });
    }
    const cannotStart = CANNOT_START.exec(tail.join('\n'));
    if (status === 127 && cannotStart) throw new Error(cannotStart[0]);
    if (status !== 0) {
      throw new ReproduceError({
        code: 'EXAMPLE_FAILED',
        file: options.log,
        argument: command.cwd,
        received: `exit status ${status}`,
        expected: 'exit status 0',
        message: `${line} exited with status ${status}; its output ended with:\n${tail.join('\n')}\n(whole output: ${options.log})`,
      });
    }
    return (performance.now() - started) / 1000;
  } catch (e) {
    if (e instanceof ReproduceError) throw e;
    throw new ReproduceError({
      code: 'EXAMPLE_FAILED',
      file,
      argument: command.cwd,
      received: (e as Error).message,
      expected: 'a program that can be started',
      hint: command.runner === 'python' ? 'name a Python 3 with torch with --python PATH' : undefined,
      cause: e,
    });
  } finally {
    unlisten();
    await closeLog();
  }
}
