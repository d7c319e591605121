import { readFileSync } from 'node:fs';

/** A process above this one, as /proc shows it; `start` (clock ticks after boot) tells a reused pid apart. */
export interface Ancestor {
  pid: number;
  start: string;
  argv: string[];
}

/** pnpm or tsx (`/usr/bin/pnpm`, `…/tsx/dist/cli.mjs`, `sh -c "pnpm --filter …"`, `sh -c "tsx src/main.ts"`). */
const WRAPPER = /(^|\/)(pnpm|tsx)(\/|\.[cm]?js)?(\s|$)/;

/** Linux: pid, parent pid and start time of `pid` from /proc; undefined when there is no such process. */
function stat(pid: number): { ppid: number; start: string; zombie: boolean } | undefined {
  try {
    // "pid (comm) state ppid … starttime …": comm may hold spaces and parentheses, so split after the last ')'.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), start: fields[19] ?? '', zombie: fields[0] === 'Z' };
  } catch {
    return undefined;
  }
}

function argvOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/**
 * The pnpm and tsx processes this one runs under, and the shells between them: `pnpm reproduce` →
 * sh → pnpm --filter … start → sh → tsx → this process. Killing the outermost pnpm, even with SIGTERM,
 * leaves the rest running (pnpm does not pass the signal on); watching this chain lets the reproduction
 * stop instead of running for hours for nobody. Linux only (/proc): elsewhere, and when this process was not
 * started through pnpm or tsx, just the parent.
 */
export function wrapperChain(from: number = process.ppid): Ancestor[] {
  const chain: Ancestor[] = [];
  for (let pid = from, depth = 0; pid > 1 && depth < 32; depth++) {
    const s = stat(pid);
    if (s === undefined) break;
    chain.push({ pid, start: s.start, argv: argvOf(pid) });
    pid = s.ppid;
  }
  let outermost = 0;
  chain.forEach((a, i) => {
    if (a.argv.slice(0, 3).some((w) => WRAPPER.test(w))) outermost = i;
  });
  return chain.slice(0, outermost + 1);
}

/** Whether a process of the chain has ended (or its pid now names another process). */
export function chainBroken(chain: readonly Ancestor[]): boolean {
  return chain.some((a) => {
    const s = stat(a.pid);
    return s === undefined || s.zombie || s.start !== a.start;
  });
}
