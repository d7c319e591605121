import { describe, expect, it } from 'vitest';
import { ModelsError, describe as describeValue } from '../src/errors';

describe('ModelsError', () => {
  it('carries the argument, what was received and what was expected', () => {
    const e = new ModelsError('options.epochs', 0, 'a positive integer', 'train for at least one epoch');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ModelsError');
    expect([e.argument, e.received, e.expected, e.hint]).toEqual(['options.epochs', 0, 'a positive integer', 'train for at least one epoch']);
    expect(e.message).toBe('options.epochs: expected a positive integer, received 0. train for at least one epoch');
  });

  it('describes values briefly', () => {
    expect(describeValue(new Float32Array(5))).toBe('Float32Array(5)');
    expect(describeValue('x'.repeat(100))).toHaveLength(82);
    expect(describeValue([1, 2])).toBe('[1, 2]');
    expect(describeValue(Array(10).fill(0))).toBe('an array of length 10');
  });
});
