import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/index';

describe('@dlkit/svm-bridge', () => {
  it('exposes its version', () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
