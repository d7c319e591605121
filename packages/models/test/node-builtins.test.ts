import { readdirSync, readFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { fileSystem, writeFileAtomic } from '../src/index';
import { nodeFs, nodePath } from '../src/node-builtins';
import { cpu, tinyMlp } from './helpers';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('browser bundling', () => {
  it("imports no Node built-in (nor @dlkit/core's Node entry) statically (bundlers fail on named imports from them)", () => {
    const offenders = sources(join(pkg, 'src')).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => /^import\s+(?!type\b).*from\s+'(node:|@dlkit\/core\/node')/.test(line))
        .map((line) => `${file}: ${line}`),
    );
    expect(offenders).toEqual([]);
  });

  it("maps @dlkit/core's Node entry to nothing through package.json's browser field", () => {
    const manifest = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { browser?: Record<string, string | false> };
    // The atomic writes are loaded on first use only; bundlers must not follow that import into Node's fs.
    expect(manifest.browser).toEqual({ '@dlkit/core/node': false });
  });

  it('loads the built-ins on first use, and the file functions still work under Node', async () => {
    expect(typeof (await nodeFs()).readFile).toBe('function');
    expect((await nodePath()).join('a', 'b')).toBe(join('a', 'b'));
    const dir = mkdtempSync(join(tmpdir(), 'models-builtins-'));
    try {
      await writeFileAtomic(join(dir, 'deep', 'x.txt'), 'hello');
      expect(readFileSync(join(dir, 'deep', 'x.txt'), 'utf8')).toBe('hello');
      await cpu();
      const model = tinyMlp();
      await model.save(fileSystem(`file://${join(dir, 'm')}`));
      expect(existsSync(join(dir, 'm', 'model.json'))).toBe(true);
      expect(existsSync(join(dir, 'm', 'model.weights.bin'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      tf.disposeVariables();
    }
  });
});
