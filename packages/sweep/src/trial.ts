import type { JsonValue } from './canonical-json';
import { check } from './errors';

/**
 * Where a trial function lives, so that any process on any machine can import it: a module specifier and the
 * name of its export. `module` is a bare specifier resolved from the importing process's folder
 * (`'@dlkit-examples/convnet-sweep/trials'` — the same on every machine with the same checkout), a `file:` URL,
 * or an absolute path. Bare specifiers also keep {@link trialKey} the same across machines.
 */
export interface TrialRef {
  /** Module specifier, `file:` URL or absolute path of the module that exports the trial. */
  module: string;
  /** Name of the export: a {@link TrialDefinition} made with {@link defineTrial}. */
  name: string;
}

/** What a running trial reports about itself (shown as progress lines; the ETA is computed from it). */
export interface TrialProgress {
  /**
   * Epochs (or other steps) done, 1-based, counting those a resumed run restored from its checkpoint; report each
   * as it ends (the ETA takes a run's first report as the first epoch this process ran).
   */
  epoch: number;
  /** Epochs in all. */
  epochs: number;
  /** Latest training loss, when there is one. */
  loss?: number;
}

/** The second argument of a trial function. */
export interface TrialContext {
  /** The trial's seed: everything random in the trial must derive from it. */
  seed: number;
  /** The trial's stable key (see {@link trialKey}). */
  key: string;
  /** The trial's label in its sweep. */
  id: string;
  /** Engine threads the trial may use (its definition's `threads`). */
  threads: number;
  /** Reports progress; cheap, and safe to call after every epoch. */
  progress(update: TrialProgress): void;
}

/**
 * The function a trial runs: JSON settings in, a JSON result out. The types are the author's to choose (plain
 * interfaces work); that they are JSON is checked at run time, where a non-JSON value gets a clear error.
 */
export type TrialFunction<S = JsonValue, R = JsonValue> = (settings: S, context: TrialContext) => R | Promise<R>;

/** A trial function with what a scheduler must know about it. Made by {@link defineTrial}. */
export interface TrialDefinition<S = JsonValue, R = JsonValue> {
  /** Marks a trial definition, so a wrong export is caught with a clear error. */
  readonly kind: 'dlkit-trial';
  /** Engine threads one run uses; local mode runs `floor(cores / threads)` trials at once by default. */
  readonly threads: number;
  /** The computation. */
  readonly run: TrialFunction<S, R>;
}

/**
 * Declares a trial: a function of JSON settings and a context (seed, progress) that returns a JSON result.
 * Export it from a module that both the coordinator and the workers can import, and name it in a sweep with a
 * {@link TrialRef}. The function runs in a fresh process for every trial, so it may set up its own engine.
 *
 * @example
 * ```ts
 * // trials.ts
 * export const square = defineTrial({
 *   threads: 1,
 *   run: (settings: { x: number }, { seed }) => ({ y: settings.x * settings.x + seed }),
 * });
 * ```
 */
export function defineTrial<S = JsonValue, R = JsonValue>(definition: {
  run: TrialFunction<S, R>;
  threads?: number;
}): TrialDefinition<S, R> {
  check(typeof definition?.run === 'function', 'definition.run', definition?.run, 'a function (settings, context) => result');
  const threads = definition.threads ?? 1;
  check(Number.isInteger(threads) && threads >= 1, 'definition.threads', threads, 'a positive integer');
  return Object.freeze({ kind: 'dlkit-trial', threads, run: definition.run });
}

/** True when `value` is a {@link TrialDefinition}. */
export function isTrialDefinition(value: unknown): value is TrialDefinition {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'dlkit-trial' &&
    typeof (value as { run?: unknown }).run === 'function'
  );
}
