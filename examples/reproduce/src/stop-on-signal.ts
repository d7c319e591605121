import { constants } from 'node:os';

/** What {@link stopOnSignals} gives: the signal the sweep stops by, and which OS signal (if any) asked. */
export interface SignalStop {
  /** Aborted at the first SIGINT or SIGTERM, or when this process's parent is gone. */
  signal: AbortSignal;
  /** The signal that stopped the run (`'SIGHUP'` for a parent that is gone); undefined while none came. */
  received(): NodeJS.Signals | undefined;
  /** Stops listening (the run is over). */
  dispose(): void;
}

// Not SIGHUP: a handler would override the ignoring `nohup` sets up. Dying of it (no nohup, terminal closed) is
// covered like a SIGKILL: the trial processes and the examples' guards notice.
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
const PARENT_POLL_MS = 1000;

/**
 * Turns SIGINT and SIGTERM into an abort the sweep stops by, instead of dying at once: the running
 * experiments then get the time to stop their trees and this process the time to wait for them and say what
 * was interrupted. Later signals are ignored while the sweep stops (its grace periods bound the wait). Also
 * stops the run, as by SIGHUP, when the parent of this process is gone (its pid changes) or `parentGone` says
 * so (checked every second; reproduce's main watches the pnpm and tsx processes above it): killed wrappers
 * mean nobody waits for the output any more. `onStop` is told the signal once.
 */
export function stopOnSignals(onStop: (signal: NodeJS.Signals) => void, parentGone?: () => boolean): SignalStop {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const stop = (signal: NodeJS.Signals): void => {
    if (received !== undefined) return;
    received = signal;
    onStop(signal);
    controller.abort();
  };
  for (const s of SIGNALS) process.on(s, stop);
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent || parentGone?.()) stop('SIGHUP');
  }, PARENT_POLL_MS);
  watch.unref();
  return {
    signal: controller.signal,
    received: () => received,
    dispose: () => {
      clearInterval(watch);
      for (const s of SIGNALS) process.off(s, stop);
    },
  };
}

/** The exit status of a process stopped by `signal`, as a shell reports it: 128 + its number (SIGTERM: 143). */
export function signalExitCode(signal: NodeJS.Signals): number {
  return 128 + (constants.signals[signal] ?? 0);
}

/** What was interrupted, and how to go on from there. */
export interface InterruptedRun {
  signal: NodeJS.Signals;
  /** The experiments that were running, with their log files. */
  interrupted: { id: string; log: string }[];
  /** How many experiments had not started. */
  notStarted: number;
  /** The results file that holds the finished experiments. */
  resultsFile: string;
  /** The command that resumes the run. */
  resume: string;
}

/** The lines reproduce prints when a signal stopped it. */
export function interruptedMessage(run: InterruptedRun): string {
  const lines = [`reproduce: stopped by ${run.signal}.`];
  if (run.interrupted.length === 0) lines.push('No experiment was running.');
  for (const x of run.interrupted) lines.push(`  interrupted: ${x.id} (output so far: ${x.log})`);
  if (run.notStarted > 0) lines.push(`  not started: ${run.notStarted} experiment(s)`);
  lines.push(
    `The finished experiments are recorded in ${run.resultsFile}; the interrupted ones' checkpoints and logs are kept.`,
    `To resume (finished experiments are reused, interrupted ones continue from their newest checkpoint):`,
    `  ${run.resume}`,
  );
  return lines.join('\n');
}
