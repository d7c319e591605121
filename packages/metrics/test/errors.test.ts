import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { MetricsError } from '../src/index';
import { describe as describeValue } from '../src/errors';

describe('MetricsError', () => {
  it('carries the argument, what was received and what was expected', () => {
    const e = new MetricsError('options.average', 'samples', "one of null, 'micro'", 'Multilabel input is not supported');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('MetricsError');
    expect(e.argument).toBe('options.average');
    expect(e.received).toBe('samples');
    expect(e.expected).toBe("one of null, 'micro'");
    expect(e.message).toBe(
      `options.average: expected one of null, 'micro', received "samples". Multilabel input is not supported`,
    );
    expect(e).toBeInstanceOf(DlkitError);
    expect([e.code, e.hint]).toEqual(['BAD_ARGUMENT', 'Multilabel input is not supported']);
  });
  it('describes received values briefly', () => {
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue([1, 2, 3])).toBe('an array of length 3');
    expect(describeValue(new Float32Array(2))).toBe('a Float32Array');
    expect(describeValue('x'.repeat(100)).length).toBeLessThan(70);
  });
});
