import { validators } from '@dlkit/core';
import { LayerArgumentError } from './errors';

/** `@dlkit/core`'s validators, throwing a {@link LayerArgumentError} that names `layer`. */
function forLayer(layer: string) {
  return validators((field, received, expected, hint) => new LayerArgumentError(layer, field, received, expected, hint));
}

/** Checks a positive integer argument (window sizes, strides, units). Internal. */
export function positiveInt(layer: string, field: string, value: unknown): number {
  return forLayer(layer).positiveInt(field, value);
}

/** Checks a finite number, optionally strictly positive or non-negative. Internal. */
export function finiteNumber(
  layer: string,
  field: string,
  value: unknown,
  bound: 'any' | 'positive' | 'nonNegative' = 'any',
): number {
  const ok =
    typeof value === 'number' && Number.isFinite(value) && (bound === 'any' || (bound === 'positive' ? value > 0 : value >= 0));
  if (!ok) {
    const expected = bound === 'any' ? 'a finite number' : bound === 'positive' ? 'a finite number > 0' : 'a finite number >= 0';
    throw new LayerArgumentError(layer, field, value, expected);
  }
  return value as number;
}

/** Normalises `n` or `[h, w]` to a pair of positive integers. Internal. */
export function intPair(layer: string, field: string, value: number | readonly number[]): [number, number] {
  if (typeof value === 'number') {
    positiveInt(layer, field, value);
    return [value, value];
  }
  if (!Array.isArray(value) || value.length !== 2) {
    throw new LayerArgumentError(layer, field, value, 'a positive integer or a pair [height, width]');
  }
  return [positiveInt(layer, field, value[0]), positiveInt(layer, field, value[1])];
}

/** Checks one of a fixed set of strings. Internal. */
export function oneOf<T extends string>(layer: string, field: string, value: unknown, allowed: readonly T[]): T {
  return forLayer(layer).oneOf(field, value, allowed);
}

/** Checks the rank and (optionally) the last dimension of an input shape at build time. Internal. */
export function checkInputShape(layer: string, shape: readonly (number | null)[], rank: number, channels?: number): void {
  if (shape.length !== rank) {
    throw new LayerArgumentError(
      layer,
      'inputShape',
      shape,
      `rank ${rank} (${rank === 4 ? '[batch, height, width, channels]' : `${rank} dimensions including batch`})`,
      `got rank ${shape.length}`,
    );
  }
  if (channels !== undefined) {
    const c = shape[shape.length - 1];
    if (c !== channels) {
      throw new LayerArgumentError(layer, 'inputShape', shape, `${channels} channels in the last dimension`, `got ${String(c)}`);
    }
  }
}
