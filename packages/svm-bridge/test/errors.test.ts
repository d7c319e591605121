import { describe, expect, it } from 'vitest';
import { SvmBridgeError } from '../src/index.js';

describe('SvmBridgeError', () => {
  it('carries argument, received and expected', () => {
    const e = new SvmBridgeError('options.C', '-1', 'a positive number', 'Use C > 0');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('SvmBridgeError');
    expect([e.argument, e.received, e.expected]).toEqual(['options.C', '-1', 'a positive number']);
    expect(e.message).toBe('options.C: received -1, expected a positive number. Use C > 0');
  });
});
