/** A linear or log10 axis mapping data values onto pixels. @internal */
export interface Scale {
  log: boolean;
  /** Domain in data units (for a log axis, positive values). */
  min: number;
  max: number;
  /** Pixel positions of `min` and `max`. */
  from: number;
  to: number;
  map(v: number): number;
  ticks: number[];
}

/**
 * About `count` round tick values covering [min, max]: steps of 1, 2, 2.5 or 5 times a power of ten.
 *
 * @example
 * ```ts
 * niceTicks(0, 1, 5); // [0, 0.2, 0.4, 0.6, 0.8, 1]
 * ```
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw * (1 - 1e-9)) ?? raw;
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/**
 * Ticks of a log10 axis over [min, max] (positive): the powers of ten, plus 2× and 5× when fewer than three
 * decades show, plus every integer multiple when less than one does.
 *
 * @example
 * ```ts
 * logTicks(0.001, 1); // [0.001, 0.01, 0.1, 1]
 * ```
 */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const inRange = (v: number) => Math.log10(v) >= lo - 1e-9 && Math.log10(v) <= hi + 1e-9;
  const decades: number[] = [];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) decades.push(e);
  const plain = decades.map((e) => 10 ** e).filter(inRange);
  if (plain.length >= 3) return plain.map((v) => Number(v.toPrecision(6)));
  const fives = decades.flatMap((e) => [1, 2, 5].map((f) => Number((f * 10 ** e).toPrecision(6)))).filter(inRange);
  if (fives.length >= 3) return fives;
  return decades.flatMap((e) => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((f) => Number((f * 10 ** e).toPrecision(6)))).filter(inRange);
}

/**
 * A short label for a tick or value: up to 4 significant digits, exponent form for very large or small.
 *
 * @example
 * ```ts
 * formatNumber(0.30000000000000004); // '0.3'
 * formatNumber(125000); // '1.25e+5'
 * ```
 */
export function formatNumber(v: number): string {
  if (v === 0) return '0';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return Number(v.toPrecision(3)).toExponential();
  return Number(v.toPrecision(4)).toString();
}

/**
 * Builds a scale over the data range `[lo, hi]`, padded by `pad` of the span (linear) or a fraction of a
 * decade (log); a flat range is widened so the line sits in the middle. `zero` pulls a linear axis to 0
 * when 0 is near. @internal
 */
export function makeScale(
  lo: number,
  hi: number,
  from: number,
  to: number,
  options: { log?: boolean; pad?: number; tickCount?: number; exact?: boolean } = {},
): Scale {
  const log = options.log === true;
  const pad = options.pad ?? 0.05;
  let a = log ? Math.log10(lo) : lo;
  let b = log ? Math.log10(hi) : hi;
  if (!(b - a > 1e-12 * Math.max(1, Math.abs(a), Math.abs(b)))) {
    const w = log ? 0.5 : Math.abs(a) * 0.1 || 0.5;
    a -= w;
    b += w;
  } else if (!options.exact) {
    const p = (b - a) * pad;
    a -= p;
    b += p;
  }
  const min = log ? 10 ** a : a;
  const max = log ? 10 ** b : b;
  const ticks = (log ? logTicks(min, max) : niceTicks(min, max, options.tickCount ?? 5)).filter(
    (t) => t >= min - 1e-12 * Math.abs(min) && t <= max + 1e-12 * Math.abs(max),
  );
  const map = (v: number): number => {
    const x = log ? Math.log10(v) : v;
    return from + ((x - a) / (b - a)) * (to - from);
  };
  return { log, min, max, from, to, map, ticks };
}
