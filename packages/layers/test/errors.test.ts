import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { LayerArgumentError } from '../src/index';

describe('LayerArgumentError', () => {
  it('carries the layer, the field, what was received and what was expected', () => {
    const err = new LayerArgumentError('L2Pooling2D', 'poolSize', [5, 5], 'at most the input size', 'use padding same');
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('LayerArgumentError');
    expect(err.layer).toBe('L2Pooling2D');
    expect(err.field).toBe('poolSize');
    expect(err.received).toEqual([5, 5]);
    expect(err.expected).toBe('at most the input size');
    expect(err.message).toBe('L2Pooling2D: poolSize must be at most the input size; received [5, 5] (use padding same)');
  });

  it('is a DlkitError, with the fields every dlkit error carries', () => {
    const err = new LayerArgumentError('L2Pooling2D', 'poolSize', 0, 'a positive integer', 'use 2');
    expect(err).toBeInstanceOf(DlkitError);
    expect([err.code, err.argument, err.received, err.expected, err.hint]).toEqual([
      'BAD_ARGUMENT',
      'L2Pooling2D.poolSize',
      0,
      'a positive integer',
      'use 2',
    ]);
  });
});
