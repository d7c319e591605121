import { DlkitError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { BackendError } from '../src/index';

describe('BackendError', () => {
  it('is a DlkitError carrying the field (as argument), what was received, expected and the hint', () => {
    const e = new BackendError(
      'initBackend: options.threads must be a whole number ≥ 1, got 0',
      'threads',
      0,
      'integer >= 1',
      'Leave it unset',
    );
    expect(e).toBeInstanceOf(BackendError);
    expect(e).toBeInstanceOf(DlkitError);
    expect(e.name).toBe('BackendError');
    expect([e.field, e.argument, e.received, e.expected, e.hint]).toEqual([
      'threads',
      'threads',
      0,
      'integer >= 1',
      'Leave it unset',
    ]);
    expect(e.message).toBe('initBackend: options.threads must be a whole number ≥ 1, got 0');
  });
});
