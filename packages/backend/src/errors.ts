/**
 * Error thrown by `@dlkit/backend` when an engine cannot be chosen or a kernel gets inputs it cannot handle.
 * `field` names the option or kernel input at fault; `expected` says what would have been accepted.
 */
export class BackendError extends Error {
  override readonly name = 'BackendError';
  constructor(
    message: string,
    readonly field?: string,
    readonly received?: unknown,
    readonly expected?: string,
  ) {
    super(message);
  }
}
