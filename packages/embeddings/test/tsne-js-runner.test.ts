import { describe, expect, it } from 'vitest';
import { runTsneJs } from '../src/tsne-js-runner.js';
import type { TSNEProgress } from '../src/tsne.js';
import { blobs } from './helpers.js';

describe('runTsneJs', () => {
  it('starts from the given embedding (deterministic), forwards progress and returns a flat embedding', () => {
    const { X } = blobs(10, 2, 4, 2);
    const Y0 = Float64Array.from({ length: 40 }, (_, i) => Math.cos(i) * 1e-4);
    const progress: TSNEProgress[] = [];
    const settings = { nComponents: 2, perplexity: 5, earlyExaggeration: 4, learningRate: 100, nIter: 120, progressEvery: 20, t0: 0 };
    const a = runTsneJs(X, Y0, { ...settings, onProgress: (p) => progress.push(p) });
    const b = runTsneJs(X, Y0, settings);
    expect(a.embedding).toHaveLength(40);
    expect(Array.from(a.embedding)).toEqual(Array.from(b.embedding));
    expect(a.error).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0].iteration % 20).toBe(0);
    expect(progress[0].phase).toBe('early-exaggeration');
  });
});
