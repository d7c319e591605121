import { DlkitError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { EmbeddingError } from '../src/errors';

describe('EmbeddingError', () => {
  it('carries code, argument, received and expected, and says so in the message', () => {
    const e = new EmbeddingError('PERPLEXITY_TOO_LARGE', 'perplexity', '50', 'a value < 40', 'Lower it');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(DlkitError);
    expect(e.hint).toBe('Lower it');
    expect(e.name).toBe('EmbeddingError');
    expect(e.code).toBe('PERPLEXITY_TOO_LARGE');
    expect(e.argument).toBe('perplexity');
    expect(e.received).toBe('50');
    expect(e.expected).toBe('a value < 40');
    expect(e.message).toBe('perplexity: expected a value < 40, received 50. Lower it');
  });
});
