import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EmbeddingError } from '../src/errors';
import { loadTsneJs, runTsneJs } from '../src/tsne-js-runner';
import type { TSNEProgress } from '../src/tsne';
import { blobs } from './helpers';

describe('runTsneJs', () => {
  it('starts from the given embedding (deterministic), forwards progress and returns a flat embedding', () => {
    const { X } = blobs(10, 2, 4, 2);
    const Y0 = Float64Array.from({ length: 40 }, (_, i) => Math.cos(i) * 1e-4);
    const progress: TSNEProgress[] = [];
    const settings = {
      nComponents: 2,
      perplexity: 5,
      earlyExaggeration: 4,
      learningRate: 100,
      nIter: 120,
      progressEvery: 20,
      t0: 0,
    };
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

describe('loadTsneJs (tsne-js is an optional peer dependency)', () => {
  it('loads the installed package', () => {
    const TSNE = loadTsneJs();
    expect(typeof TSNE).toBe('function');
    expect(typeof new TSNE({ dim: 2 }).run).toBe('function');
  });

  it('names the package to install when it cannot be resolved', () => {
    // Resolved from a folder with no tsne-js above it, in a Node without pnpm's NODE_PATH (which would expose
    // the workspace's hoisted packages): as in a project that never installed it.
    const dir = mkdtempSync(join(tmpdir(), 'dlkit-no-tsne-js-'));
    try {
      const runner = pathToFileURL(join(import.meta.dirname, '..', 'src', 'tsne-js-runner.ts')).href;
      const from = pathToFileURL(join(dir, 'index.js')).href;
      const script =
        `const { loadTsneJs } = await import(${JSON.stringify(runner)});` +
        `try { loadTsneJs(${JSON.stringify(from)}); console.log('loaded'); }` +
        `catch (e) { console.log(JSON.stringify({ name: e.name, code: e.code, argument: e.argument, expected: e.expected, message: e.message })); }`;
      const env = { ...process.env };
      delete env.NODE_PATH;
      const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: join(import.meta.dirname, '..'),
        env,
        encoding: 'utf8',
      });
      const e = JSON.parse(out) as { name: string; code: string; argument: string; expected: string; message: string };
      expect(e.name).toBe('EmbeddingError');
      expect(e.code).toBe('MISSING_DEPENDENCY');
      expect(e.argument).toBe('method');
      expect(e.expected).toBe('the optional peer dependency tsne-js');
      expect(e.message).toContain('npm install tsne-js');
      expect(e.message).toContain("method 'exact'");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('says it needs Node where there is no require (a browser)', () => {
    const proc = process as { getBuiltinModule?: unknown };
    const saved = proc.getBuiltinModule;
    proc.getBuiltinModule = undefined;
    let error: unknown;
    try {
      loadTsneJs();
    } catch (e) {
      error = e;
    } finally {
      proc.getBuiltinModule = saved;
    }
    expect(error).toBeInstanceOf(EmbeddingError);
    expect((error as EmbeddingError).code).toBe('MISSING_DEPENDENCY');
    expect((error as EmbeddingError).message).toContain("In a browser use method 'exact'");
  });
});
