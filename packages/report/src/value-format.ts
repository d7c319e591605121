import { check } from './errors';
import { formatNumber } from './scale';

/**
 * How values are printed next to bars and in heatmap cells: `'number'` (4 significant digits), `'percent'`
 * (a fraction in [0, 1] as `93.1 %`), `'seconds'` (`12.34 s`), or your own function.
 */
export type ValueFormat = 'number' | 'percent' | 'seconds' | ((value: number) => string);

/** Resolves a {@link ValueFormat} to a function. @internal */
export function valueFormatter(
  argument: string,
  format: ValueFormat | undefined,
  fallback: ValueFormat = 'number',
): (v: number) => string {
  const f = format ?? fallback;
  if (typeof f === 'function') return (v) => String(f(v));
  check(
    f === 'number' || f === 'percent' || f === 'seconds',
    argument,
    f,
    "'number', 'percent', 'seconds' or a function (value) => string",
  );
  if (f === 'percent') return (v) => `${(v * 100).toFixed(1)} %`;
  if (f === 'seconds') return (v) => `${v.toFixed(2)} s`;
  return formatNumber;
}
