import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SweepError } from './errors';
import { isTrialDefinition, type TrialDefinition, type TrialRef } from './trial';

/**
 * The URL a trial module is imported from. `file:` URLs are used as they are, paths are made absolute against
 * `from`, and bare specifiers are resolved as a package in `from` would resolve them (its `node_modules`, or
 * the package itself by its own name) — so coordinator and workers only need the same packages installed.
 */
export function resolveTrialModule(specifier: string, from: string = process.cwd()): string {
  if (specifier.startsWith('file:')) return specifier;
  if (isAbsolute(specifier) || specifier.startsWith('./') || specifier.startsWith('../')) {
    return pathToFileURL(resolve(from, specifier)).href;
  }
  try {
    return pathToFileURL(createRequire(join(resolve(from), 'package.json')).resolve(specifier)).href;
  } catch (e) {
    throw new SweepError({
      code: 'TRIAL_NOT_FOUND',
      argument: 'trial.module',
      received: specifier,
      expected: `a module that resolves from ${resolve(from)}`,
      hint: 'install the package that exports the trial where the worker runs, start the worker in that folder or pass --resolve-from DIR, or name the module by a file: URL',
      cause: e,
    });
  }
}

/** Imports a trial module and returns the named {@link TrialDefinition}, or throws `TRIAL_NOT_FOUND`. */
export async function loadTrial(ref: TrialRef, from: string = process.cwd()): Promise<TrialDefinition> {
  const url = resolveTrialModule(ref.module, from);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url)) as Record<string, unknown>;
  } catch (e) {
    throw new SweepError({
      code: 'TRIAL_NOT_FOUND',
      argument: 'trial.module',
      file: url,
      received: ref.module,
      expected: 'a module that imports without error',
      hint: `importing it failed: ${(e as Error).message ?? String(e)}${url.endsWith('.ts') ? ' (TypeScript modules need a loader: NODE_OPTIONS="--import tsx")' : ''}`,
      cause: e,
    });
  }
  const value = mod[ref.name];
  if (!isTrialDefinition(value)) {
    throw new SweepError({
      code: 'TRIAL_NOT_FOUND',
      argument: 'trial.name',
      file: url,
      received: value === undefined ? ref.name : value,
      expected: `an export "${ref.name}" made with defineTrial`,
      hint: `the module exports ${
        Object.keys(mod)
          .filter((k) => k !== 'default')
          .sort()
          .join(', ') || 'nothing'
      }`,
    });
  }
  return value;
}
