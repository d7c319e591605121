import { SvmBridgeError, describe } from './errors';

/** Per-class penalty multipliers (`C * weight[class]`), or `'balanced'` for `n / (nClasses * count[class])`. */
export type ClassWeightOption = Readonly<Record<number, number>> | 'balanced';

/** @internal Resolve class weights to one multiplier per class (order of `classes`). */
export function resolveClassWeight(option: ClassWeightOption | undefined, classes: Int32Array, y: Int32Array): Float64Array {
  const w = new Float64Array(classes.length).fill(1);
  if (option === undefined) return w;
  if (option === 'balanced') {
    const counts = new Map<number, number>();
    for (let i = 0; i < y.length; i++) counts.set(y[i], (counts.get(y[i]) ?? 0) + 1);
    for (let k = 0; k < classes.length; k++) w[k] = y.length / (classes.length * (counts.get(classes[k]) ?? 1));
    return w;
  }
  if (option === null || typeof option !== 'object')
    throw new SvmBridgeError('options.classWeight', describe(option), "'balanced' or { [label]: weight }");
  for (const [key, value] of Object.entries(option)) {
    const k = classes.indexOf(Number(key));
    if (k < 0)
      throw new SvmBridgeError(
        `options.classWeight[${key}]`,
        'a label absent from y',
        `one of ${Array.from(classes).join(', ')}`,
      );
    if (typeof value !== 'number' || !(value > 0))
      throw new SvmBridgeError(`options.classWeight[${key}]`, describe(value), 'a positive number');
    w[k] = value;
  }
  return w;
}
