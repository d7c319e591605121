import { inspect } from 'node:util';
import { DlkitError, type DlkitErrorDetails } from '@dlkit/core';
import { DatasetError, type DatasetName } from '@dlkit/datasets';

/** An error class, for `instanceof`: one of an example's own. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** How an example's command line reports a failed run (see {@link exitOnError}). */
export interface CliErrorOptions {
  /**
   * The example's own error classes for a bad flag or setting: their message and a pointer to `--help`, exit
   * status 2, as for the flags `parseCli` refuses.
   */
  usageErrors?: readonly ErrorClass[];
  /**
   * What to do on this command line when data cannot be read — the example's flag (`--root DIR: …`), a Debian
   * package, a folder — in place of the data loader's own hint, which speaks to library users
   * (`pass { download: true }`): one hint for every data error, or one per dataset (the error's `dataset`: a
   * loader whose dataset has none keeps its own hint, e.g. the bundled MNIST sample beside `--root` for
   * Fashion-MNIST), or a function, which may return undefined to keep the loader's hint.
   */
  dataHint?: string | Partial<Record<DatasetName, string>> | ((e: DatasetError) => string | undefined);
  /** The example has `--engine NAME`: an engine that cannot start gets advice about that flag. */
  engineFlag?: boolean;
}

/** What a failed run prints and its exit status; `expected` is false for a bug, which keeps its stack. */
export interface CliFailure {
  text: string;
  status: number;
  expected: boolean;
}

/**
 * A failure an example reports to its user as it is, without a stack (exit status 1): the message already says
 * what went wrong and where — e.g. which trials of a sweep failed, each with its error.
 */
export class CliError extends DlkitError {
  override name = 'CliError';

  constructor(message: string, details: Omit<DlkitErrorDetails, 'message'> = {}) {
    super({ ...details, message });
  }
}

/**
 * `e`'s message with its hint replaced by `hint`: a dataset error's `hint:` line, or the sentence a composed
 * {@link DlkitError} message ends with; added when the error had none.
 *
 * @example
 * ```ts
 * withHint(e, '--root DIR: the folder with the Fashion-MNIST IDX files');
 * // 'Fashion-MNIST files not found\n  file: /data\n  …\n  hint: --root DIR: the folder with the Fashion-MNIST IDX files'
 * ```
 */
export function withHint(e: DlkitError, hint: string): string {
  let text = e.message;
  if (e.hint !== undefined && e.hint !== '' && text.endsWith(e.hint)) {
    text = text.slice(0, -e.hint.length).replace(/(\n\s*hint:|\.)\s*$/, '');
  }
  // A dataset error lists its facts one per line; a composed DlkitError message is one sentence.
  return e instanceof DatasetError || text.includes('\n') ? `${text}\n  hint: ${hint}` : `${text.replace(/\.$/, '')}. ${hint}`;
}

/** The command-line hint for `e`, when the options have one for it. */
function cliHint(e: DlkitError, options: CliErrorOptions): string | undefined {
  const { dataHint } = options;
  if (e instanceof DatasetError && dataHint !== undefined) {
    if (typeof dataHint === 'string') return dataHint;
    if (typeof dataHint === 'function') return dataHint(e);
    return e.dataset === undefined ? undefined : dataHint[e.dataset];
  }
  // By name and option: this package does not depend on @dlkit/backend, whose initBackend names `prefer`.
  if (options.engineFlag && e.name === 'BackendError' && e.argument === 'prefer') {
    const named = typeof e.received === 'string' ? ` ${e.received}` : '';
    return `--engine${named}: install that engine's package, or leave out --engine for the fastest one available (wasm and cpu need no install)`;
  }
  return undefined;
}

/** A Node.js system error (ENOENT, EACCES, ENOTDIR, …): its message names the call and the path. */
function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string' && 'syscall' in e;
}

/**
 * What `example` prints for `e` and with which status: the example's usage errors with a pointer to `--help`
 * (status 2); dlkit's errors (every {@link DlkitError}: data, engine, checkpoint, sweep) and system errors on a
 * path as one message, with the command-line hint in place of the library's (status 1); anything else is a bug
 * and keeps its stack (status 1).
 */
export function describeFailure(example: string, e: unknown, options: CliErrorOptions = {}): CliFailure {
  if (e instanceof Error && options.usageErrors?.some((c) => e instanceof c)) {
    return { text: `${example}: ${e.message}\n(--help lists the flags)`, status: 2, expected: true };
  }
  if (e instanceof DlkitError) {
    const hint = cliHint(e, options);
    return { text: `${example}: ${hint === undefined ? e.message : withHint(e, hint)}`, status: 1, expected: true };
  }
  if (isSystemError(e)) return { text: `${example}: ${e.message}`, status: 1, expected: true };
  return { text: e instanceof Error ? (e.stack ?? e.message) : inspect(e), status: 1, expected: false };
}

/**
 * The `main().catch(…)` of an example: prints {@link describeFailure}'s text on stderr and exits with its status,
 * so a bad flag, file or engine ends in one message that names it, not in a stack trace.
 *
 * @example
 * ```ts
 * main().catch(exitOnError('mnist-convnet', { engineFlag: true, dataHint: '--root DIR: the Fashion-MNIST IDX folder' }));
 * ```
 */
export function exitOnError(example: string, options: CliErrorOptions = {}): (e: unknown) => never {
  return (e) => {
    const failure = describeFailure(example, e, options);
    console.error(failure.text);
    return process.exit(failure.status);
  };
}
