import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/index';

describe('@dlkit/layers', () => {
  it('exposes its version', () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });
});
