/**
 * A bad setting or bad data of the transfer experiments: `argument` names the option, flag or file at fault,
 * `received` is what was given, `expected` what would have been accepted, `hint` how to fix it.
 *
 * @example
 * ```ts
 * try { classSplit(['airplane', 'airplane']); }
 * catch (e) { if (e instanceof TransferError) console.error(e.argument); }   // 'baseClasses'
 * ```
 */
export class TransferError extends Error {
  override readonly name = 'TransferError';
  /** The option, flag or file at fault. */
  readonly argument: string;
  /** What was received. */
  readonly received: unknown;
  /** What would have been accepted. */
  readonly expected: string;
  /** How to fix it, when there is more to say than `expected`. */
  readonly hint: string | undefined;

  constructor(argument: string, received: unknown, expected: string, hint?: string) {
    super(`${argument}: expected ${expected}, received ${JSON.stringify(received)}${hint ? ` (${hint})` : ''}`);
    this.argument = argument;
    this.received = received;
    this.expected = expected;
    this.hint = hint;
  }
}

/** Throws a {@link TransferError} unless `ok`. Internal. */
export function check(ok: boolean, argument: string, received: unknown, expected: string, hint?: string): asserts ok {
  if (!ok) throw new TransferError(argument, received, expected, hint);
}
