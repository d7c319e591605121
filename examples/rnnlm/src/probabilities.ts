/**
 * Per-token probabilities as they travel from a trial to the coordinator: little-endian float64 bytes in base64.
 * Exact (every bit survives, unlike decimal rounding or a log/exp round trip), so the mixtures and KN
 * interpolations computed from them are the ones an in-process run computes, and half the size of JSON numbers.
 */
import { RnnlmError } from '@dlkit/rnnlm';

/** Encodes probabilities as base64 of their little-endian float64 bytes. */
export function encodeProbabilities(p: Float64Array): string {
  const bytes = Buffer.alloc(p.length * 8);
  for (let i = 0; i < p.length; i++) bytes.writeDoubleLE(p[i] as number, i * 8);
  return bytes.toString('base64');
}

/**
 * Decodes {@link encodeProbabilities}'s text, checking that it holds `count` probabilities in [0, 1].
 *
 * @param field what the text is (named in the error), e.g. `trial "RNN H=100 seed 1".result.test`.
 * @throws RnnlmError when the text is not base64 of `count` float64 values, or a value is not a probability.
 */
export function decodeProbabilities(text: unknown, count: number, field: string): Float64Array {
  const expected = `base64 of ${count} little-endian float64 probabilities (a trial result of this version)`;
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new RnnlmError(field, text, expected);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== count * 8) {
    throw new RnnlmError(
      field,
      `${bytes.length} bytes`,
      `${count * 8} bytes: ${expected}`,
      'the trial scored other texts: another --data folder or protocol',
    );
  }
  const p = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const v = bytes.readDoubleLE(i * 8);
    if (!(v >= 0 && v <= 1)) throw new RnnlmError(`${field}[${i}]`, v, 'a probability in [0, 1]');
    p[i] = v;
  }
  return p;
}
