// @ts-check
/**
 * The guard between the reproduction and an example's process (POSIX only): run detached by runCommand, so it
 * leads a process group of its own, it starts the example in that group and
 *  - passes SIGINT, SIGTERM and SIGHUP on to the whole group (the example and everything it started), and
 *    SIGKILLs the group if it is still there GRACE_MS later;
 *  - stops the group the same way when the process that started it is gone (killed, even by SIGKILL, which
 *    nothing can catch): it looks at its parent pid every POLL_MS;
 *  - exits as the example exits (same status, or the same signal); after a stop, first SIGKILLs whatever the
 *    example left in the group, itself included.
 *
 *   node child-guard.mjs PARENT_PID GRACE_MS FILE [ARGS…]
 *
 * Plain JavaScript so that it starts in plain Node, without a TypeScript loader, in a few tens of milliseconds.
 */
import { spawn } from 'node:child_process';

const POLL_MS = 250;
/** The exit status that tells runCommand the example could not be started (as a shell says it). */
const CANNOT_START = 127;

const [parentArg, graceArg, file, ...args] = process.argv.slice(2);
const parent = Number(parentArg);
const graceMs = Number(graceArg);
if (!Number.isInteger(parent) || !Number.isFinite(graceMs) || file === undefined) {
  process.stderr.write('usage: node child-guard.mjs PARENT_PID GRACE_MS FILE [ARGS…]\n');
  process.exit(2);
}

/** @param {NodeJS.Signals} signal */
function signalGroup(signal) {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // The group is empty (or this guard does not lead one): nothing left to stop.
  }
}

/** @type {NodeJS.Signals | undefined} */
let stopping;
/** @param {NodeJS.Signals} signal */
function stop(signal) {
  if (stopping) return;
  stopping = signal;
  // The group signal reaches this guard too: its handler is still installed, and `stopping` makes it a no-op.
  signalGroup(signal);
  setTimeout(() => signalGroup('SIGKILL'), graceMs).unref();
}

const child = spawn(file, args, { stdio: ['ignore', 'inherit', 'inherit'] });
/** @type {NodeJS.Signals[]} */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const s of SIGNALS) process.on(s, stop);

// Orphaned: the parent pid changes (to init or a subreaper) when the parent dies; checked against the pid the
// parent gave, so a parent that died before this line ran is noticed too.
const watch = setInterval(() => {
  if (process.ppid !== parent) stop('SIGTERM');
}, POLL_MS);

child.on('error', (e) => {
  clearInterval(watch);
  process.stderr.write(`child-guard: cannot start ${file}: ${e.message}\n`);
  process.exit(CANNOT_START);
});

child.on('exit', (code, signal) => {
  clearInterval(watch);
  // A stopped example's leftovers (a child that ignored the signal) go now, this guard with them: whoever
  // stopped the tree knows why it ended, and an orphan's status nobody waits for.
  if (stopping) signalGroup('SIGKILL');
  if (signal) {
    for (const s of SIGNALS) process.off(s, stop);
    process.kill(process.pid, signal);
    // Only reached if that signal does not end a process by default.
    setTimeout(() => process.exit(1), 1000);
    return;
  }
  process.exit(code ?? 1);
});
