import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { etaSeconds, startEpochOf } from './eta';
import type { ProgressEvent, TrialOutcome } from './record';
import type { SweepTrial } from './sweep';
import type { ChildMessage, RunMessage } from './trial-protocol';

/** The built trial-process.js: next to this file in dist/, or in ../dist when this file runs from src/ (tests). */
function trialProcessPath(): string {
  const here = dirname(typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url));
  const candidates = [join(here, 'trial-process.js'), join(here, '..', 'dist', 'trial-process.js')];
  const found = candidates.find((p) => existsSync(p));
  if (found === undefined)
    throw new Error(`@dlkit/sweep: trial-process.js not found (looked in ${candidates.join(', ')}); run the package's build`);
  return found;
}

/** Options of {@link runTrialProcess}. */
export interface TrialProcessOptions {
  /** Names the worker in the outcome's `where`. */
  worker: string;
  /** Engine threads the trial may use. */
  threads: number;
  /** Folder bare module specifiers resolve from. */
  resolveFrom: string;
  /** Attempts counted so far, this one included. Default 1. */
  attempts?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** Aborting kills the trial's process (see `graceMs`). */
  signal?: AbortSignal;
  /**
   * With `graceMs`, aborting asks the trial's process to stop (SIGTERM: a trial that runs programs of its own
   * can stop them) and kills it (SIGKILL) only `graceMs` later if it is still there; without, kills it at once.
   */
  graceMs?: number;
  /** Node options of the trial's process. Default this process's (`process.execArgv`). */
  execArgv?: readonly string[];
}

const STDERR_TAIL = 4000;

/**
 * Runs one trial in a fresh Node process (this process's `execArgv`, so a loader such as tsx carries over) and
 * resolves with its outcome. Never rejects for the trial's sake: a trial that throws, and a process that dies,
 * give a `'failed'` outcome with the error (and the end of the process's stderr).
 */
export function runTrialProcess(trial: SweepTrial, options: TrialProcessOptions): Promise<TrialOutcome> {
  const t0 = performance.now();
  const child = fork(trialProcessPath(), [], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
    execArgv: [...(options.execArgv ?? process.execArgv)],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  const where = { host: hostname(), pid: child.pid ?? -1, worker: options.worker };
  const attempts = options.attempts ?? 1;
  let startedMs = Date.now();
  let done: (ChildMessage & { type: 'done' }) | undefined;
  let killTimer: NodeJS.Timeout | undefined;
  const onAbort = (): void => {
    if (options.graceMs === undefined) {
      child.kill('SIGKILL');
      return;
    }
    child.kill('SIGTERM');
    killTimer = setTimeout(() => child.kill('SIGKILL'), options.graceMs);
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let startEpoch: number | undefined;
  child.on('message', (m: ChildMessage) => {
    if (m.type === 'progress') {
      const elapsed = m.elapsed;
      const { epoch, epochs } = m.progress;
      startEpoch ??= startEpochOf(epoch);
      const eta = etaSeconds(elapsed, epoch, epochs, startEpoch);
      options.onProgress?.({ ...m.progress, id: trial.id, key: trial.key, worker: options.worker, elapsed, eta });
    } else if (m.type === 'done') {
      done = m;
    }
  });
  const message: RunMessage = {
    type: 'run',
    trial: trial.trial,
    settings: trial.settings,
    seed: trial.seed,
    key: trial.key,
    id: trial.id,
    threads: options.threads,
    resolveFrom: options.resolveFrom,
  };
  child.once('spawn', () => {
    startedMs = Date.now();
    child.send(message);
  });
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      clearTimeout(killTimer);
      const processSeconds = (performance.now() - t0) / 1000;
      if (done?.status === 'ok') {
        resolve({
          status: 'ok',
          result: done.result,
          where,
          startedAt: done.startedAt,
          seconds: done.seconds,
          processSeconds,
          attempts,
        });
      } else if (done?.status === 'failed') {
        resolve({
          status: 'failed',
          error: done.error,
          where,
          startedAt: done.startedAt,
          seconds: done.seconds,
          processSeconds,
          attempts,
        });
      } else {
        const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
        resolve({
          status: 'failed',
          error: {
            name: 'TrialProcessError',
            message: `the trial's process ${how} before reporting a result${stderr ? `; its stderr ended with:\n${stderr.trim()}` : ''}`,
          },
          where,
          startedAt: new Date(startedMs).toISOString(),
          seconds: processSeconds,
          processSeconds,
          attempts,
        });
      }
    });
  });
}
