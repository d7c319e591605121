/** Seconds per phase of the run, in the order they happened (the JSON's `timing`). */
export type Timing = Record<string, number>;

/** Seconds elapsed since `t`, a `performance.now()` reading. */
export const secondsSince = (t: number): number => (performance.now() - t) / 1000;

/** Runs `step` and records its seconds in `timing[key]`. */
export async function timed<T>(timing: Timing, key: string, step: () => T | Promise<T>): Promise<T> {
  const t = performance.now();
  const result = await step();
  timing[key] = secondsSince(t);
  return result;
}
