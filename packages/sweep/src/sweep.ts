import { assertJson, canonicalJson, type JsonValue } from './canonical-json';
import { check } from './errors';
import type { TrialRef } from './trial';
import { trialKey } from './trial-key';

/** One trial of a sweep as written by its author. */
export interface TrialSpec {
  /** Readable label, unique in the sweep (default: the trial name, its settings and seed). */
  id?: string;
  /** The trial function to run. */
  trial: TrialRef;
  /**
   * Settings handed to the trial function. They must be JSON (checked by {@link defineSweep}, which names the
   * first part that is not); typed `unknown` so that plain interfaces, which TypeScript does not treat as JSON
   * types, can be passed as they are.
   */
  settings: unknown;
  /** Seed handed to the trial function (context.seed). */
  seed: number;
}

/** A trial of a defined sweep: its spec with the label and key filled in. */
export interface SweepTrial {
  id: string;
  /** {@link trialKey} of the trial. */
  key: string;
  trial: TrialRef;
  settings: JsonValue;
  seed: number;
}

/** A named list of independent trials, made by {@link defineSweep}. */
export interface Sweep {
  /** Name: labels the results file, the Redis jobs and the report. */
  name: string;
  trials: SweepTrial[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Checks and freezes a sweep: every trial names a module and an export, has JSON settings and an integer seed,
 * and gets its stable key ({@link trialKey}). Two trials with the same key, or the same label, are an error (the
 * second would never run).
 *
 * @example
 * ```ts
 * const sweep = defineSweep({
 *   name: 'squares',
 *   trials: [1, 2, 3].map((x) => ({ trial: { module: '@me/trials', name: 'square' }, settings: { x }, seed: 1 })),
 * });
 * ```
 */
export function defineSweep(spec: { name: string; trials: readonly TrialSpec[] }): Sweep {
  check(
    typeof spec?.name === 'string' && NAME.test(spec.name),
    'sweep.name',
    spec?.name,
    'a name of letters, digits, ".", "_" or "-" (1–100 characters, starting with a letter or digit)',
  );
  check(Array.isArray(spec.trials) && spec.trials.length > 0, 'sweep.trials', spec.trials, 'a non-empty array of trials');
  const byKey = new Map<string, string>();
  const ids = new Set<string>();
  const trials = spec.trials.map((t, i): SweepTrial => {
    const at = `sweep.trials[${i}]`;
    check(
      typeof t?.trial?.module === 'string' && t.trial.module !== '',
      `${at}.trial.module`,
      t?.trial?.module,
      'a module specifier, file: URL or absolute path',
    );
    check(typeof t.trial.name === 'string' && t.trial.name !== '', `${at}.trial.name`, t.trial.name, 'the name of an export');
    check(Number.isSafeInteger(t.seed), `${at}.seed`, t.seed, 'an integer');
    assertJson(t.settings, `${at}.settings`, 'BAD_ARGUMENT');
    const trial: TrialRef = { module: t.trial.module, name: t.trial.name };
    const key = trialKey(trial, t.settings, t.seed);
    const id = t.id ?? `${trial.name} ${canonicalJson(t.settings)} seed ${t.seed}`;
    check(typeof id === 'string' && id !== '', `${at}.id`, id, 'a non-empty string');
    check(!ids.has(id), `${at}.id`, id, 'a label no other trial of the sweep has');
    const twin = byKey.get(key);
    check(
      twin === undefined,
      `${at}`,
      id,
      'a trial that differs from every other in its function, settings or seed',
      `it is the same trial as ${twin}`,
    );
    ids.add(id);
    byKey.set(key, id);
    return { id, key, trial, settings: structuredClone(t.settings), seed: t.seed };
  });
  return { name: spec.name, trials };
}
