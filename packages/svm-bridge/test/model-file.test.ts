import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { removeTempLeftovers } from '@dlkit/core/node';
import { describe, expect, it, onTestFinished } from 'vitest';
import { LinearSVC, SVC, SvmBridgeError } from '../src/index';

/** Seeded features: `rows × cols` in [-1, 1), labels alternating over `k` classes. */
const SETUP = `
  const data = (rows, cols, seed) => {
    let s = seed;
    const X = new Float64Array(rows * cols).map(() => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1);
    return { X: { data: X, rows, cols }, y: Int32Array.from({ length: rows }, (_, i) => i % 3) };
  };
`;

const WRITERS = [
  { name: 'SVC.saveFile', fit: `await new SVC({ C: 10, gamma: 0.5 }).fit(X, y)`, load: (path: string) => SVC.loadFile(path) },
  { name: 'LinearSVC.saveFile', fit: `new LinearSVC().fit(X, y)`, load: (path: string) => LinearSVC.loadFile(path) },
] as const;

describe('saveFile / loadFile', () => {
  for (const writer of WRITERS) {
    it(`${writer.name}: a process killed with SIGKILL while saving leaves the previous model whole and loadable`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'svm-bridge-kill-'));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const target = join(dir, 'model.json');
      const src = pathToFileURL(join(__dirname, '..', 'src', 'index.ts')).href;
      // Each child fits once (≈ 1 MB of model text), then saves it over and over until killed.
      const script = `
        const { SVC, LinearSVC } = await import(${JSON.stringify(src)});
        ${SETUP}
        const { X, y } = data(600, 64, Number(process.argv[1]));
        const model = ${writer.fit};
        for (;;) {
          await model.saveFile(${JSON.stringify(target)});
          process.stdout.write('saved\\n');
        }
      `;
      const texts = new Set<string>();
      for (let round = 0; round < 4; round++) {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, String(round + 1)], {
          cwd: join(__dirname, '..'),
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
        await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 60)));
        child.kill('SIGKILL');
        await new Promise((r) => child.once('exit', r));
        const model = await writer.load(target);
        expect(model.classes).toEqual(Int32Array.of(0, 1, 2));
        texts.add(readFileSync(target, 'utf8'));
      }
      // Every child (another seed) really replaced the file.
      expect(texts.size).toBe(4);
      await removeTempLeftovers(dir, 0);
      expect(readdirSync(dir)).toEqual(['model.json']);
    }, 120_000);
  }

  it('refuses an empty path before touching the disk', async () => {
    const { X, y } = { X: { data: new Float32Array([0, 0, 1, 1]), rows: 2, cols: 2 }, y: [0, 1] };
    const clf = new LinearSVC().fit(X, y);
    await expect(clf.saveFile('')).rejects.toThrow(SvmBridgeError);
    await expect(LinearSVC.loadFile('')).rejects.toThrow(/path: expected a file path, received ""/);
  });
});
