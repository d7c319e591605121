import { DlkitError } from '@dlkit/core';

/**
 * Machine-readable reason attached to every {@link EmbeddingError}.
 *
 * - `INVALID_SHAPE`: a matrix's `rows`/`cols` disagree with its data length, or two inputs disagree.
 * - `NON_FINITE`: NaN or ±Infinity in an input row.
 * - `TOO_FEW_POINTS`: fewer rows than the method needs.
 * - `TOO_MANY_POINTS`: more rows than the method supports.
 * - `PERPLEXITY_TOO_LARGE`: perplexity ≥ number of points.
 * - `INVALID_OPTION`: an option outside its allowed values.
 * - `NOT_FITTED`: `transform` called before `fit`.
 * - `MISSING_DEPENDENCY`: an option needs an optional peer dependency that is not installed (`method: 'tsne-js'`).
 */
export type EmbeddingErrorCode =
  | 'INVALID_SHAPE'
  | 'NON_FINITE'
  | 'TOO_FEW_POINTS'
  | 'TOO_MANY_POINTS'
  | 'PERPLEXITY_TOO_LARGE'
  | 'INVALID_OPTION'
  | 'NOT_FITTED'
  | 'MISSING_DEPENDENCY';

/**
 * The one error class thrown by `@dlkit/embeddings` for bad input. It names the argument or option
 * (`argument`), what was received and what was expected, so the message says how to fix the call.
 * Extends `DlkitError` from `@dlkit/core`.
 *
 * @example
 * ```ts
 * try {
 *   tsne(X, { perplexity: 500 });
 * } catch (e) {
 *   if (e instanceof EmbeddingError && e.code === 'PERPLEXITY_TOO_LARGE') console.log(e.expected);
 * }
 * ```
 */
export class EmbeddingError extends DlkitError {
  override name = 'EmbeddingError';
  /** Machine-readable reason. */
  declare readonly code: EmbeddingErrorCode;
  /** Name of the argument or option at fault, e.g. `'perplexity'` or `'X.data'`. */
  declare readonly argument: string;
  /** Short description of the value received. */
  declare readonly received: string;
  /** Short description of what would have been accepted. */
  declare readonly expected: string;

  constructor(code: EmbeddingErrorCode, argument: string, received: string, expected: string, hint?: string) {
    super({
      code,
      argument,
      received,
      expected,
      hint,
      message: `${argument}: expected ${expected}, received ${received}${hint ? `. ${hint}` : ''}`,
    });
  }
}
