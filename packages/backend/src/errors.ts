import { DlkitError } from '@dlkit/core';

/**
 * Error thrown by `@dlkit/backend` when an engine cannot be chosen, a kernel gets inputs it cannot handle, or a
 * dlkit function runs before any engine was chosen. `field` (also `argument`) names the option or kernel input
 * at fault; `expected` says what would have been accepted; `hint` how to fix it. Extends `DlkitError` from
 * `@dlkit/core`.
 */
export class BackendError extends DlkitError {
  override readonly name = 'BackendError';
  /** The option or kernel input at fault (the same as `argument`). */
  readonly field: string | undefined;

  constructor(message: string, field?: string, received?: unknown, expected?: string, hint?: string) {
    super({ code: 'BACKEND', message, argument: field, ...(received === undefined ? {} : { received }), expected, hint });
    this.field = field;
  }
}
