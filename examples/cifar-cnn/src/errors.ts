/**
 * A bad setting of the CIFAR studies: `argument` names the option or flag at fault, `received` is what was
 * given and `expected` what would have been accepted.
 *
 * @example
 * ```ts
 * try { studyPlan(['cifarnet', 'nope' as never], settings); }
 * catch (e) { if (e instanceof CifarCnnError) console.error(e.argument); }   // 'studies'
 * ```
 */
export class CifarCnnError extends Error {
  override readonly name = 'CifarCnnError';
  /** The option or flag at fault. */
  readonly argument: string;
  /** What was received. */
  readonly received: unknown;
  /** What would have been accepted. */
  readonly expected: string;

  constructor(argument: string, received: unknown, expected: string) {
    super(`${argument}: expected ${expected}, received ${JSON.stringify(received)}`);
    this.argument = argument;
    this.received = received;
    this.expected = expected;
  }
}

/** Throws a {@link CifarCnnError} unless `ok`. Internal. */
export function check(ok: boolean, argument: string, received: unknown, expected: string): asserts ok {
  if (!ok) throw new CifarCnnError(argument, received, expected);
}
