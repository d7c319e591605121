import { RnnlmError } from '@dlkit/rnnlm';
import { describe, expect, it } from 'vitest';
import { decodeProbabilities, encodeProbabilities } from '../src/probabilities';

describe('encodeProbabilities / decodeProbabilities (trial results)', () => {
  it('round-trips every bit: tiny, subnormal, 1, 0 and values decimal printing would round', () => {
    const p = Float64Array.of(1, 0, 0.1 + 0.2, 1 / 3, 5e-324, 2.2250738585072014e-308, 1e-300, 0.999999999999999);
    const back = decodeProbabilities(encodeProbabilities(p), p.length, 'p');
    expect(back).toBeInstanceOf(Float64Array);
    expect(Array.from(back)).toEqual(Array.from(p));
    // Exact bit patterns, not just equal numbers.
    expect(new Uint8Array(back.buffer)).toEqual(new Uint8Array(p.buffer));
    expect(decodeProbabilities(encodeProbabilities(new Float64Array(0)), 0, 'p')).toHaveLength(0);
  });

  it('is base64 of little-endian float64 bytes (the same on every machine)', () => {
    expect(encodeProbabilities(Float64Array.of(1))).toBe('AAAAAAAA8D8=');
  });

  it('refuses text of another length (a result of other data), non-base64 and values that are not probabilities', () => {
    const text = encodeProbabilities(Float64Array.of(0.5, 0.25));
    expect(() => decodeProbabilities(text, 3, 'trial "x".result.test')).toThrow(RnnlmError);
    expect(() => decodeProbabilities(text, 3, 'trial "x".result.test')).toThrow(
      /trial "x"\.result\.test.*expected 24 bytes.*received "16 bytes"/s,
    );
    expect(() => decodeProbabilities(42, 2, 'held')).toThrow(/held/);
    expect(() => decodeProbabilities('not base64!', 2, 'held')).toThrow(RnnlmError);
    expect(() => decodeProbabilities(encodeProbabilities(Float64Array.of(0.5, Number.NaN)), 2, 'held')).toThrow(/held\[1\]/);
    expect(() => decodeProbabilities(encodeProbabilities(Float64Array.of(1.5)), 1, 'held')).toThrow(/held\[0\].*\[0, 1\]/s);
  });
});
