/**
 * @internal Number formatting exactly as Python's `format()` does it, so that text reports match
 * scikit-learn byte for byte: `{:.Nf}` (correctly rounded, ties to even on the exact binary value),
 * `repr(float)` and `{:.Ng}`.
 */

const TWO = 2n;

/** Exact decomposition of a finite double: value = mantissa · 2^exponent. */
function decompose(x: number): { mantissa: bigint; exponent: number } {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return { mantissa, exponent };
}

function nonFinite(x: number): string | null {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return null;
}

/** Python `format(x, '.{digits}f')`. */
export function pyFixed(x: number, digits: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const negative = x < 0 || Object.is(x, -0);
  const { mantissa, exponent } = decompose(Math.abs(x));
  const scale = 10n ** BigInt(digits);
  let q: bigint;
  if (exponent >= 0) {
    q = (mantissa << BigInt(exponent)) * scale;
  } else {
    const num = mantissa * scale;
    const den = 1n << BigInt(-exponent);
    q = num / den;
    const r = num - q * den;
    const twice = r * TWO;
    if (twice > den || (twice === den && q % TWO === 1n)) q += 1n;
  }
  let s = q.toString();
  if (digits > 0) {
    s = s.padStart(digits + 1, '0');
    s = `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  }
  return (negative ? '-' : '') + s;
}

/** Shortest round-trip digits and decimal exponent of |x| (x finite, non-zero): 0.d1d2… × 10^(exp+1). */
function shortest(x: number): { digits: string; exp: number } {
  const [m, e] = Math.abs(x).toExponential().split('e');
  return { digits: m.replace('.', ''), exp: Number(e) };
}

function layout(sign: string, digits: string, exp: number, forceFixed: boolean, keepPoint: boolean): string {
  // value = digits[0].digits[1..] × 10^exp
  if (forceFixed) {
    if (exp >= 0) {
      const intPart = digits.length > exp + 1 ? digits.slice(0, exp + 1) : digits.padEnd(exp + 1, '0');
      const frac = digits.length > exp + 1 ? digits.slice(exp + 1) : '';
      return sign + intPart + (frac ? `.${frac}` : keepPoint ? '.0' : '');
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const es = exp < 0 ? '-' : '+';
  return `${sign}${mant}e${es}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** Python `repr(float)` / `format(x, '')` (e.g. `3.0`, `0.1`, `1e-05`, `1e+16`). */
export function pyRepr(x: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const { digits, exp } = shortest(x);
  return layout(sign, digits, exp, exp >= -4 && exp < 16, true);
}

/** Rounds |x| (finite, non-zero) to `p` significant digits, exactly, ties to even: digits × 10^(exp − p + 1). */
function roundSignificant(x: number, p: number): { digits: string; exp: number } {
  const { mantissa, exponent } = decompose(Math.abs(x));
  let exp = shortest(x).exp;
  for (;;) {
    const shift = exp - p + 1; // q ≈ |x| / 10^shift
    let num = mantissa;
    let den = 1n;
    if (exponent >= 0) num <<= BigInt(exponent);
    else den <<= BigInt(-exponent);
    if (shift >= 0) den *= 10n ** BigInt(shift);
    else num *= 10n ** BigInt(-shift);
    let q = num / den;
    const twice = (num - q * den) * TWO;
    if (twice > den || (twice === den && q % TWO === 1n)) q += 1n;
    const digits = q.toString();
    if (digits.length > p) exp += 1;
    else if (digits.length < p) exp -= 1;
    else return { digits, exp };
  }
}

/** Python `format(x, '.{precision}g')`. */
export function pyFormatG(x: number, precision: number): string {
  const special = nonFinite(x);
  if (special !== null) return special;
  const p = Math.max(1, precision);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  const { digits: raw, exp } = roundSignificant(x, p);
  const digits = raw.replace(/0+$/, '') || '0';
  return layout(sign, digits, exp, exp >= -4 && exp < p, false);
}

/** Python `'{:>{width}}'.format(s)`. */
export function padLeft(s: string, width: number): string {
  return s.length >= width ? s : ' '.repeat(width - s.length) + s;
}
