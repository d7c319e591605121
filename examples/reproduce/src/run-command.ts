import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { commandArgv, commandCwd, commandLine } from './command-line';
import { ReproduceError } from './errors';
import type { Command } from './experiment';

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
}

/**
 * Runs an example's command as a child process, writes its output to the log file as it comes, and resolves
 * with the wall seconds when it exits with status 0. Otherwise rejects with a `ReproduceError`
 * (`EXAMPLE_FAILED`) holding the exit status and the last lines of the output. The child is killed when this
 * process is told to stop (SIGINT/SIGTERM), so no orphan keeps writing checkpoints.
 */
export async function runCommand(command: Command, options: RunCommandOptions): Promise<number> {
  mkdirSync(dirname(options.log), { recursive: true });
  const log = createWriteStream(options.log, { flags: 'a' });
  const line = commandLine(command, options.python);
  log.write(`\n# ${new Date().toISOString()} ${line}\n`);
  const { file, args } = commandArgv(command, options.python);
  const started = performance.now();
  const child = spawn(file, args, {
    cwd: commandCwd(command, options.root),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  const onExit = () => child.kill('SIGTERM');
  const unlisten = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
  };
  // Stop the example with this process, then die of the same signal as if nothing had listened.
  function onSignal(signal: NodeJS.Signals) {
    child.kill('SIGTERM');
    unlisten();
    process.kill(process.pid, signal);
  }
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', onExit);
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
    await new Promise<void>((r) => log.end(r));
  }
}
