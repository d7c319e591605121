/**
 * A model or setting the features → SVM experiment cannot use: `argument` names the flag or field at fault
 * (`--model`, `--layers`, `input shape`), `received` is what was found, `expected` what would have been
 * accepted, and `file` the model file or folder it came from, when there is one.
 *
 * @example
 * ```ts
 * try { checkPretrained(model, { file, imageShape: [32, 32, 3], layers: ['fc9'], numClasses: 10 }); }
 * catch (e) { if (e instanceof FeaturesSvmError) console.error(e.argument, e.file); }   // '--layers', '…/model.json'
 * ```
 */
export class FeaturesSvmError extends Error {
  override readonly name = 'FeaturesSvmError';
  /** The flag or field at fault. */
  readonly argument: string;
  /** What was found. */
  readonly received: unknown;
  /** What would have been accepted. */
  readonly expected: string;
  /** The file or folder at fault, if any. */
  readonly file: string | undefined;

  constructor(argument: string, received: unknown, expected: string, file?: string) {
    super(`${file ? `${file}: ` : ''}${argument}: expected ${expected}, received ${JSON.stringify(received)}`);
    this.argument = argument;
    this.received = received;
    this.expected = expected;
    this.file = file;
  }
}
