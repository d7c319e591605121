import { DlkitError } from '@dlkit/core';

/**
 * Thrown when a layer, loss, initialiser or penalty is given arguments it cannot work with, or is built on an
 * input it cannot handle (wrong rank, wrong channel count, window larger than the input). A `@dlkit/core`
 * {@link DlkitError} (its `argument` is `layer.field`), so `instanceof DlkitError` catches it with every other
 * dlkit error.
 *
 * @example
 * ```ts
 * import { l2Pooling2d, LayerArgumentError } from '@dlkit/layers';
 * try {
 *   l2Pooling2d({ poolSize: 0 });
 * } catch (err) {
 *   if (err instanceof LayerArgumentError) console.log(err.layer, err.field, err.expected);
 * }
 * ```
 */
export class LayerArgumentError extends DlkitError {
  override name = 'LayerArgumentError';
  /** The layer (or loss/initialiser) that refused the argument, e.g. `L2Pooling2D`. */
  readonly layer: string;
  /** The argument or input field at fault, e.g. `poolSize` or `inputShape`. */
  readonly field: string;
  /** What would have been accepted. */
  declare readonly expected: string;

  constructor(layer: string, field: string, received: unknown, expected: string, hint?: string) {
    super({
      code: 'BAD_ARGUMENT',
      argument: `${layer}.${field}`,
      received,
      expected,
      hint,
      // Layers name the layer first, as the tfjs-layers errors they sit beside do.
      message: `${layer}: ${field} must be ${expected}; received ${describe(received)}${hint === undefined ? '' : ` (${hint})`}`,
    });
    this.layer = layer;
    this.field = field;
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => describe(v)).join(', ')}]`;
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}
