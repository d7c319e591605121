/** Named wall-clock timings in seconds, in the order they were taken. */
export interface Stopwatch {
  /** Runs `fn` and adds its wall time under `name` (summed if the name repeats). */
  time<T>(name: string, fn: () => T | Promise<T>): Promise<T>;
  /** Adds `seconds` under `name`. */
  add(name: string, seconds: number): void;
  /** The timings so far plus `total` since the stopwatch started. */
  record(): Record<string, number>;
}

/** Starts a {@link Stopwatch}. */
export function stopwatch(): Stopwatch {
  const start = performance.now();
  const timings: Record<string, number> = {};
  const add = (name: string, seconds: number): void => {
    timings[name] = (timings[name] ?? 0) + seconds;
  };
  return {
    async time(name, fn) {
      const t = performance.now();
      try {
        return await fn();
      } finally {
        add(name, (performance.now() - t) / 1000);
      }
    },
    add,
    record: () => ({ ...timings, total: (performance.now() - start) / 1000 }),
  };
}
