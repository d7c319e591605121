import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { SiameseError, check, numberIn, positiveInt } from '../src/errors';

describe('SiameseError', () => {
  it('names the argument, what was received and what was expected', () => {
    const e = new SiameseError('options.margin', -1, 'a positive number', 'Use a margin such as 1');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('SiameseError');
    expect([e.argument, e.received, e.expected]).toEqual(['options.margin', '-1', 'a positive number']);
    expect(e.message).toBe('options.margin: expected a positive number, received -1. Use a margin such as 1');
    expect(e).toBeInstanceOf(DlkitError);
    expect([e.hint, e.code]).toEqual(['Use a margin such as 1', 'BAD_ARGUMENT']);
  });

  it('describes typed arrays and objects briefly', () => {
    expect(new SiameseError('x', new Float32Array(3), 'y').received).toBe('Float32Array of length 3');
    expect(new SiameseError('x', 'abc', 'y').received).toBe('"abc"');
    expect(new SiameseError('x', [1, 2], 'y').received).toBe('[1, 2]');
  });

  it('checks integers and ranges', () => {
    expect(positiveInt('n', 3)).toBe(3);
    expect(() => positiveInt('n', 2.5)).toThrow(/n: expected a positive integer, received 2.5/);
    expect(numberIn('f', 0.5, 0, 1)).toBe(0.5);
    expect(() => numberIn('f', Number.NaN, 0, 1)).toThrow(SiameseError);
    expect(() => check(false, 'a', 1, 'b')).toThrow('a: expected b, received 1');
  });
});
