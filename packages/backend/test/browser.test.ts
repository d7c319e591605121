import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every source file reachable from `entry` through static relative imports, with its other static imports. */
function graph(entry: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(entry)) return seen;
  const text = readFileSync(entry, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
  seen.set(
    entry,
    specifiers.filter((s) => !s.startsWith('.')),
  );
  for (const s of specifiers.filter((s) => s.startsWith('.'))) graph(resolve(dirname(entry), `${s}.ts`), seen);
  return seen;
}

/** Every built file reachable from `entry` through static relative imports, with its other static imports. */
function builtGraph(entry: string, seen = new Map<string, string[]>()): Map<string, string[]> {
  if (seen.has(entry)) return seen;
  const text = readFileSync(entry, 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm)].map(
    (m) => (m[1] ?? m[2])!,
  );
  seen.set(
    entry,
    specifiers.filter((s) => !s.startsWith('.')),
  );
  for (const s of specifiers.filter((s) => s.startsWith('.'))) builtGraph(resolve(dirname(entry), s), seen);
  return seen;
}

describe('@dlkit/backend/browser', () => {
  it('statically imports nothing but tfjs-core and the browser-safe @dlkit/core (engines and Node modules are loaded on demand)', () => {
    const deps = new Set([...graph(join(pkg, 'src', 'browser.ts')).values()].flat());
    expect([...deps].sort()).toEqual(['@dlkit/core', '@tensorflow/tfjs-core']);
  });

  it('is exported as ./browser for import and require, and built without static Node imports', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
    expect(manifest.exports['./browser']).toEqual({
      import: { types: './dist/browser.d.ts', default: './dist/browser.js' },
      require: { types: './dist/browser.d.cts', default: './dist/browser.cjs' },
    });
    // The built ESM file and the chunks it imports: a bundler must not meet node:* (no __dirname shims).
    const built = builtGraph(join(pkg, 'dist', 'browser.js'));
    expect(built.size).toBeGreaterThan(0);
    expect([...new Set([...built.values()].flat())].sort()).toEqual(['@dlkit/core', '@tensorflow/tfjs-core']);
  });
});
