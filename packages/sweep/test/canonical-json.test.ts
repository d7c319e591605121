import { describe, expect, it } from 'vitest';
import { assertJson, canonicalJson, findNonJson } from '../src/canonical-json';
import { SweepError } from '../src/index';

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });
});

describe('findNonJson / assertJson', () => {
  it('names the first part JSON cannot hold exactly', () => {
    expect(findNonJson({ a: [1, 2, Number.NaN] }, 'result')).toEqual({ path: 'result.a[2]', value: Number.NaN });
    expect(findNonJson({ a: new Float32Array(2) }, 's')?.path).toBe('s.a');
    expect(findNonJson({ a: undefined }, 's')?.path).toBe('s.a');
    expect(findNonJson({ a: Infinity }, 's')?.path).toBe('s.a');
    expect(findNonJson({ a: new Date(0) }, 's')?.path).toBe('s.a');
    expect(findNonJson({ a: [1, 'x', true, null, { b: -0.5 }] }, 's')).toBeUndefined();
  });

  it('throws a SweepError with the code asked for', () => {
    try {
      assertJson({ rate: Number.NaN }, 'settings', 'BAD_ARGUMENT');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SweepError);
      expect((e as SweepError).code).toBe('BAD_ARGUMENT');
      expect((e as SweepError).argument).toBe('settings.rate');
      expect((e as SweepError).hint).toMatch(/JSON/);
    }
  });
});
