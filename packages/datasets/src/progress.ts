/** One progress report from a download. `total` is undefined when the server sends no length. */
export interface ProgressEvent {
  url: string;
  file: string;
  received: number;
  total?: number;
  done: boolean;
}

/** Receives progress reports. */
export type ProgressListener = (event: ProgressEvent) => void;

/**
 * `true` draws a bar on stderr, but only when stderr is a TTY and `$CI` is unset; a function receives every
 * event; `false`/undefined is silent (the default: library code prints nothing unless asked).
 */
export type ProgressOption = boolean | ProgressListener;

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Turns a {@link ProgressOption} into a listener (or undefined when nothing should happen).
 *
 * @example
 * ```ts
 * const report = progressListener(true); // undefined under CI or when piped
 * report?.({ url, file: 'x.gz', received: 10, total: 100, done: false });
 * ```
 */
export function progressListener(
  option: ProgressOption | undefined,
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): ProgressListener | undefined {
  if (typeof option === 'function') return option;
  if (option !== true) return undefined;
  if (!stream.isTTY || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false')) return undefined;
  let last = 0;
  return (e) => {
    const now = Date.now();
    if (!e.done && now - last < 100) return;
    last = now;
    const width = 30;
    const name = e.file.length > 32 ? `…${e.file.slice(-31)}` : e.file;
    let line: string;
    if (e.total !== undefined && e.total > 0) {
      const frac = Math.min(1, e.received / e.total);
      const filled = Math.round(frac * width);
      line = `${name} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${formatBytes(e.received)}/${formatBytes(e.total)}`;
    } else {
      line = `${name} ${formatBytes(e.received)}`;
    }
    stream.write(`\r${line}\x1b[K${e.done ? '\n' : ''}`);
  };
}
