import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, decodeFloat64, encodeArray } from '../src/base64';

describe('base64', () => {
  it('matches Node for every padding case and round-trips float64', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 255);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(base64ToBytes(bytesToBase64(bytes)) ?? [])).toEqual(Array.from(bytes));
    }
    const f = Float64Array.of(Math.PI, -0, 1e-300, -5.5);
    expect(Array.from(decodeFloat64(encodeArray(f), 4) ?? [])).toEqual(Array.from(f));
    expect(decodeFloat64(encodeArray(f), 3)).toBeNull();
    expect(base64ToBytes('a$==')).toBeNull();
  });
});
