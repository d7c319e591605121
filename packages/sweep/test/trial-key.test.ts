import { describe, expect, it } from 'vitest';
import { trialKey } from '../src/index';

const ref = { module: '@me/trials', name: 'fit' };

describe('trialKey', () => {
  it('is the sha-256 hex of the canonical {module, name, settings, seed}', () => {
    const key = trialKey(ref, { lr: 0.1, depth: 2 }, 1);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(trialKey(ref, { depth: 2, lr: 0.1 }, 1)).toBe(key);
  });

  it('changes with any setting, the seed, the module or the export name', () => {
    const key = trialKey(ref, { lr: 0.1, depth: 2 }, 1);
    const others = [
      trialKey(ref, { lr: 0.2, depth: 2 }, 1),
      trialKey(ref, { lr: 0.1, depth: 2 }, 2),
      trialKey({ ...ref, name: 'fit2' }, { lr: 0.1, depth: 2 }, 1),
      trialKey({ ...ref, module: '@me/other' }, { lr: 0.1, depth: 2 }, 1),
      trialKey(ref, { lr: 0.1, depth: 2, extra: null }, 1),
    ];
    expect(new Set([key, ...others]).size).toBe(6);
  });
});
