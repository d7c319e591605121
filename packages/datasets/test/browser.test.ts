import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as browser from '../src/browser';
import * as main from '../src/index';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every source file reachable from `entry` through relative imports, with its non-relative imports. */
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

describe('the browser entry', () => {
  it('reaches no Node built-in and no Node-only dependency (only the browser-safe main entry of @dlkit/core)', () => {
    const external = [...graph(join(pkg, 'src', 'browser.ts')).entries()]
      .flatMap(([file, deps]) => deps.map((d) => `${file}: ${d}`))
      .filter((line) => !line.endsWith(': @dlkit/core'));
    expect(external).toEqual([]);
  });

  it('uses no Node-only global (Buffer, process, require, __dirname) in any file it reaches', () => {
    const offenders = [...graph(join(pkg, 'src', 'browser.ts')).keys()].flatMap((file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''); // comments may mention them
      return [...code.matchAll(/\b(Buffer|process|require|__dirname|NodeJS)\b/g)].map((m) => `${file}: ${m[1]}`);
    });
    expect(offenders).toEqual([]);
  });

  it('carries the HTTP loaders and the pure parsers they use', () => {
    for (const name of [
      'imageDimensions',
      'safeEntryPath',
      'browserCache',
      'fetchBytes',
      'fetchMnist',
      'fetchCifar10',
      'fetchCifar100',
      'gunzip',
      'md5',
      'parseIdx',
      'idxImageDataset',
      'parseTar',
      'parseCifar10',
      'parseCifar100',
      'MNIST_RESOURCES',
    ]) {
      expect(typeof (browser as Record<string, unknown>)[name], name).not.toBe('undefined');
    }
  });

  it('exports the very functions of the main entry (same objects), and none of the file loaders', () => {
    const names = Object.keys(browser);
    expect(names).toEqual(
      expect.arrayContaining([
        'holdOut',
        'permutation',
        'deriveSeed',
        'normalize',
        'channelStats',
        'batches',
        'tensorBatches',
        'DatasetError',
      ]),
    );
    for (const name of names)
      expect((browser as Record<string, unknown>)[name], name).toBe((main as Record<string, unknown>)[name]);
    for (const nodeOnly of [
      'loadMnist',
      'loadMnistSample',
      'loadCifar10',
      'downloadFile',
      'loadImageFolder',
      'readIdxFile',
      'loadCifar10Images',
      'decodeImage',
      'loadPtb',
    ]) {
      expect(names).not.toContain(nodeOnly);
    }
  });

  it('is what bundlers get for the package under the browser condition, and as ./browser', () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as {
      exports: Record<string, Record<string, unknown>>;
    };
    const dot = manifest.exports['.']!;
    expect(Object.keys(dot)[0]).toBe('browser'); // conditions are matched in order: browser must come first
    expect(dot.browser).toEqual(manifest.exports['./browser']);
    expect(JSON.stringify(dot.browser)).toContain('./dist/browser.js');
  });
});
