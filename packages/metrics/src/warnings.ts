/**
 * Warnings for ill-defined values (a class never predicted, a class never present, …).
 *
 * scikit-learn raises an `UndefinedMetricWarning` through Python's `warnings` module, which by
 * default shows each distinct message once. dlkit mirrors that: the default handler hands each
 * distinct message once per process to `process.emitWarning` (so Node prints it once on stderr,
 * and `--no-warnings` silences it); outside Node it stays silent. Every metric also accepts an
 * `onWarning` option that receives its warnings instead, and {@link setWarningHandler} replaces
 * the default for the whole module.
 */

/** One warning produced by a metric. */
export interface MetricWarning {
  /** `'UndefinedMetricWarning'` for ill-defined values, `'UserWarning'` for ignored options. */
  readonly type: 'UndefinedMetricWarning' | 'UserWarning';
  /** The message, worded like scikit-learn's. */
  readonly message: string;
  /** The option that controls the behaviour (e.g. `'zeroDivision'`), when there is one. */
  readonly option?: string;
}

/** Receives warnings produced by metrics. */
export type WarningHandler = (warning: MetricWarning) => void;

const emitted = new Set<string>();

interface ProcessLike {
  emitWarning?: (message: string, options?: { type?: string; code?: string }) => void;
}

function defaultHandler(warning: MetricWarning): void {
  const key = `${warning.type}\u0000${warning.message}`;
  if (emitted.has(key)) return;
  emitted.add(key);
  const proc = (globalThis as { process?: ProcessLike }).process;
  if (proc && typeof proc.emitWarning === 'function') {
    proc.emitWarning(warning.message, { type: warning.type, code: 'DLKIT_METRICS' });
  }
}

let current: WarningHandler = defaultHandler;

/**
 * Replaces the module-wide warning handler (pass `null` to restore the default, which emits
 * each distinct message once per process through `process.emitWarning`). Returns the previous
 * handler so it can be restored.
 *
 * @example
 * ```ts
 * import { setWarningHandler, f1 } from '@dlkit/metrics';
 * const seen: string[] = [];
 * const previous = setWarningHandler((w) => seen.push(w.message));
 * f1([0, 1, 2], [0, 0, 0], { average: 'macro' }); // no predictions of class 1 or 2
 * setWarningHandler(previous);
 * ```
 */
export function setWarningHandler(handler: WarningHandler | null): WarningHandler {
  const previous = current;
  current = handler ?? defaultHandler;
  return previous;
}

/** Options shared by every function that can warn. */
export interface WarningOptions {
  /** Receives this call's warnings instead of the module-wide handler. */
  onWarning?: WarningHandler;
}

/** @internal Dispatches a warning to the call's handler or the module-wide one. */
export function warn(options: WarningOptions | undefined, warning: MetricWarning): void {
  (options?.onWarning ?? current)(warning);
}

/**
 * @internal Wraps a handler so each distinct message passes once (used by composite metrics such as
 * the classification report, which would otherwise repeat the same warning per average).
 */
export function dedupe(options: WarningOptions | undefined): WarningOptions {
  const seen = new Set<string>();
  return {
    onWarning: (w) => {
      if (seen.has(w.message)) return;
      seen.add(w.message);
      warn(options, w);
    },
  };
}
