import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { ModelsError, describe as describeValue } from '../src/errors';

describe('ModelsError', () => {
  it('carries the argument, what was received and what was expected', () => {
    const e = new ModelsError('options.epochs', 0, 'a positive integer', 'train for at least one epoch');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ModelsError');
    expect([e.argument, e.received, e.expected, e.hint]).toEqual([
      'options.epochs',
      0,
      'a positive integer',
      'train for at least one epoch',
    ]);
    expect(e.message).toBe('options.epochs: expected a positive integer, received 0. train for at least one epoch');
    expect(e.code).toBe('BAD_ARGUMENT');
  });

  it('is a @dlkit/core DlkitError, and names the file when there is one', () => {
    const cause = new Error('short read');
    const e = new ModelsError('weightsManifest[0]', 40, '68 bytes', 'save the model again', {
      file: 'out/a.weights.bin',
      code: 'TRUNCATED',
      cause,
    });
    expect(e).toBeInstanceOf(DlkitError);
    expect(e).toBeInstanceOf(ModelsError);
    expect([e.name, e.file, e.code, e.cause]).toEqual(['ModelsError', 'out/a.weights.bin', 'TRUNCATED', cause]);
    expect(e.message).toBe('out/a.weights.bin: weightsManifest[0]: expected 68 bytes, received 40. save the model again');
  });

  it('describes values briefly', () => {
    expect(describeValue(new Float32Array(5))).toBe('Float32Array(5)');
    expect(describeValue('x'.repeat(100))).toHaveLength(82);
    expect(describeValue([1, 2])).toBe('[1, 2]');
    expect(describeValue(Array(10).fill(0))).toBe('an array of length 10');
  });
});
