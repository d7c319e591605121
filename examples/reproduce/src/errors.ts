import { DlkitError, type DlkitErrorDetails } from '@dlkit/core';

/** Codes of {@link ReproduceError}. */
export type ReproduceErrorCode = 'BAD_ARGUMENT' | 'UNKNOWN_EXPERIMENT' | 'EXAMPLE_FAILED' | 'BAD_EXAMPLE_JSON' | 'INTERRUPTED';

/**
 * What the reproduction refuses or reports as failed: a bad flag, an unknown experiment name, an example whose
 * process failed, an example JSON without the figure the catalogue reads from it (`file`, `argument`: the
 * JSON path, `expected`/`received`), or an example stopped because this process was told to stop
 * (`INTERRUPTED`, `received`: the signal).
 */
export class ReproduceError extends DlkitError {
  override name = 'ReproduceError';
  declare readonly code: ReproduceErrorCode;

  constructor(details: DlkitErrorDetails & { code: ReproduceErrorCode }) {
    super(details);
  }
}
