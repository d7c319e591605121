import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';

/** child-guard.mjs, next to this file. */
const GUARD = fileURLToPath(new URL('./child-guard.mjs', import.meta.url));

/** Milliseconds the example's tree has from the stop signal to SIGKILL (enough to write a checkpoint). */
export const DEFAULT_GRACE_MS = 5000;

/** The longest {@link GuardedChild.sweep} waits for the SIGKILLed group to be gone. */
export const SWEEP_WAIT_MS = 5000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Whether process group `group` still has a process (a zombie not yet reaped counts). */
function groupAlive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/** Options of {@link spawnGuarded}. */
export interface GuardedSpawnOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Milliseconds from the stop signal to SIGKILL of the group. Default {@link DEFAULT_GRACE_MS}. */
  graceMs?: number;
}

/** A command running with its whole process tree in a process group of its own (see {@link spawnGuarded}). */
export interface GuardedChild {
  /** The process this process waits for: the guard (POSIX) or the command itself (Windows). */
  child: ChildProcessByStdio<null, Readable, Readable>;
  /**
   * Asks the command and everything it started to stop with `signal` (once; later calls do nothing); whatever
   * is left `graceMs` later is SIGKILLed. Synchronous, so it also works in a process 'exit' handler: the guard
   * then escalates on its own.
   */
  stop(signal: NodeJS.Signals): void;
  /**
   * SIGKILLs whatever the command left in its group after it ended, and resolves once the group is empty (or
   * after {@link SWEEP_WAIT_MS}): a process killed on a busy machine, niced, can take a moment to be gone, and
   * nothing may outlive the command.
   */
  sweep(): Promise<void>;
}

/**
 * Starts `file args` so that its whole tree can be stopped and cannot outlive this process. POSIX: through
 * child-guard.mjs, detached (a new session and process group led by the guard), which starts the command in
 * that group, passes stop signals to the group, and stops the group by itself when this process dies, even
 * of SIGKILL. Windows has no process groups: the command is started directly and only it is signalled.
 */
export function spawnGuarded(file: string, args: readonly string[], options: GuardedSpawnOptions): GuardedChild {
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const stdio: ['ignore', 'pipe', 'pipe'] = ['ignore', 'pipe', 'pipe'];
  if (process.platform === 'win32') {
    const child = spawn(file, [...args], { cwd: options.cwd, env: options.env, stdio });
    let stopped = false;
    return {
      child,
      stop: (signal) => {
        if (stopped) return;
        stopped = true;
        child.kill(signal);
      },
      sweep: async () => {},
    };
  }
  const child = spawn(process.execPath, [GUARD, String(process.pid), String(graceMs), file, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio,
    detached: true,
  });
  const group = child.pid;
  const killGroup = (signal: NodeJS.Signals): void => {
    if (group === undefined) return;
    try {
      process.kill(-group, signal);
    } catch {
      // ESRCH: the group is empty, everything in it has ended.
    }
  };
  let stopped = false;
  let backstop: NodeJS.Timeout | undefined;
  child.once('close', () => clearTimeout(backstop));
  return {
    child,
    stop: (signal) => {
      if (stopped || group === undefined) return;
      stopped = true;
      // To the guard only: it passes the signal to the group once, so the example sees it once.
      try {
        process.kill(group, signal);
      } catch {
        killGroup(signal);
      }
      // The guard SIGKILLs the group after graceMs; this is for a guard that cannot (itself stopped or gone).
      backstop = setTimeout(() => killGroup('SIGKILL'), graceMs + 1000);
    },
    sweep: async () => {
      killGroup('SIGKILL');
      const until = Date.now() + SWEEP_WAIT_MS;
      while (group !== undefined && groupAlive(group) && Date.now() < until) await sleep(20);
    },
  };
}
