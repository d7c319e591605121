import { DlkitError } from '@dlkit/core';
/**
 * What went wrong, as a stable machine-readable code.
 *
 * - `BAD_ARGUMENT`: an option or argument has the wrong value.
 * - `BAD_FORMAT`: a file's bytes do not follow the expected layout (magic number, header field).
 * - `TRUNCATED`: a file or download is shorter than its header or `Content-Length` promised.
 * - `MISMATCH`: two parts of a dataset disagree (label count vs image count, label out of range).
 * - `NOT_FOUND`: a file or folder does not exist or is empty.
 * - `UNREADABLE`: a path exists but could not be read.
 * - `UNDECODABLE`: an image file could not be decoded.
 * - `TOO_LARGE`: an image's header declares more pixels than the decompression-bomb limit.
 * - `CHECKSUM`: downloaded bytes do not match the expected digest.
 * - `NETWORK`: every mirror failed.
 * - `OFFLINE`: the network was needed but offline mode forbids it.
 */
export type DatasetErrorCode =
  | 'BAD_ARGUMENT'
  | 'BAD_FORMAT'
  | 'TRUNCATED'
  | 'MISMATCH'
  | 'NOT_FOUND'
  | 'UNREADABLE'
  | 'UNDECODABLE'
  | 'TOO_LARGE'
  | 'CHECKSUM'
  | 'NETWORK'
  | 'OFFLINE';

/**
 * The data a loader was reading when it failed, named as Keras and torchvision name them: `loadMnist` (`mnist`,
 * `fashion-mnist` by its `variant`), `loadMnistSample` and `fetchMnist` likewise, `loadCifar10` /
 * `loadCifar10Images` / `fetchCifar10` (`cifar10`), `loadCifar100` / `fetchCifar100` (`cifar100`), `loadPtb`
 * (`ptb`) and `loadImageFolder` (`image-folder`, a user's own `root/<class>/<image>` tree).
 */
export type DatasetName = 'mnist' | 'fashion-mnist' | 'cifar10' | 'cifar100' | 'ptb' | 'image-folder';

/** Details carried by a {@link DatasetError}. */
export interface DatasetErrorDetails {
  /** Stable code for programmatic handling. */
  code: DatasetErrorCode;
  /** The file, folder or URL involved, when there is one. */
  file?: string;
  /** The argument, option or header field at fault (e.g. `magic`, `count`, `options.testFraction`). */
  field?: string;
  /** What was found, printable. */
  received?: unknown;
  /** What was expected, in words. */
  expected?: string;
  /** How to fix it, when we know. */
  hint?: string;
  /** The underlying error, if any. */
  cause?: unknown;
  /** The dataset whose loader failed (see {@link DatasetError.dataset}). */
  dataset?: DatasetName;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s;
  } catch {
    return String(value);
  }
}

/**
 * The one error class of `@dlkit/datasets`, a {@link DlkitError} (from `@dlkit/core`) like every dlkit error.
 * Its message names the file, the field, what was received and what was expected; the same facts are
 * available as properties (`field` is also `argument`, the name `DlkitError` uses).
 *
 * @example
 * ```ts
 * try {
 *   await readIdxFile('broken.idx');
 * } catch (e) {
 *   if (e instanceof DatasetError && e.code === 'TRUNCATED') console.error(e.file, e.expected);
 *   if (e instanceof DlkitError) console.error(e.hint); // the same error, seen as any dlkit error
 * }
 * ```
 */
export class DatasetError extends DlkitError {
  override name = 'DatasetError';
  declare readonly code: DatasetErrorCode;
  /** The argument, option or header field at fault (the same as `argument`). */
  readonly field?: string;
  /**
   * The dataset whose loader failed ({@link DatasetName}), whatever failed in it — a missing folder, a damaged
   * file, a download, an option; undefined from the readers and parsers that serve any data (`readIdxFile`,
   * `parseTar`, `loadTextCorpus`, …). An application answers for its own data flags by it, e.g. a command line
   * that replaces the loader's hint (`pass { download: true }`) with its `--root` flag for Fashion-MNIST only.
   */
  readonly dataset?: DatasetName;

  constructor(message: string, details: DatasetErrorDetails) {
    const parts = [message];
    if (details.file !== undefined) parts.push(`file: ${details.file}`);
    if (details.field !== undefined) parts.push(`field: ${details.field}`);
    if ('received' in details) parts.push(`received: ${show(details.received)}`);
    if (details.expected !== undefined) parts.push(`expected: ${details.expected}`);
    if (details.hint !== undefined) parts.push(`hint: ${details.hint}`);
    super({
      message: parts.join('\n  '),
      code: details.code,
      argument: details.field,
      file: details.file,
      received: details.received,
      expected: details.expected,
      hint: details.hint,
      cause: details.cause,
    });
    this.field = details.field;
    this.dataset = details.dataset;
  }
}

/**
 * Runs a loader's work and names `dataset` on a {@link DatasetError} from it that names none yet: the loaders
 * name themselves at their boundary instead of passing the name through every shared reader and parser.
 * Internal helper.
 */
export async function loadingDataset<T>(dataset: DatasetName, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    // The one place the field is written after construction, before anyone outside sees the error.
    if (e instanceof DatasetError && e.dataset === undefined) (e as { dataset?: DatasetName }).dataset = dataset;
    throw e;
  }
}

/** Throws a `BAD_ARGUMENT` error unless `ok`. Internal helper. */
export function check(ok: boolean, field: string, received: unknown, expected: string): asserts ok {
  if (!ok) {
    throw new DatasetError(`Invalid argument ${field}`, { code: 'BAD_ARGUMENT', field, received, expected });
  }
}
