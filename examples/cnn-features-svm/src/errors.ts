import { DlkitError } from '@dlkit/core';

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
export class FeaturesSvmError extends DlkitError {
  override readonly name = 'FeaturesSvmError';
  /** The flag or field at fault. */
  declare readonly argument: string;
  /** What would have been accepted. */
  declare readonly expected: string;

  constructor(argument: string, received: unknown, expected: string, file?: string) {
    // The whole path and value, uncut (the shared message would shorten them).
    super({
      argument,
      received,
      expected,
      ...(file === undefined ? {} : { file }),
      message: `${file ? `${file}: ` : ''}${argument}: expected ${expected}, received ${JSON.stringify(received)}`,
    });
  }
}
