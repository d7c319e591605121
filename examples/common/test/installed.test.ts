import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInstalled } from '../src/installed';

const HERE = resolve(__dirname, '..');

describe('isInstalled', () => {
  it('finds a dependency of the package and not a name nobody installed', () => {
    expect(isInstalled('@dlkit/datasets', HERE)).toBe(true);
    expect(isInstalled('@dlkit/no-such-package', HERE)).toBe(false);
  });
});
