import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'convnet-sweep-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The smallest sweep: one factor, one seed, 20 images, no full run, in this process. */
const SMALL = ['--quick', '--samples', '20', '--epochs', '1', '--seeds', '1', '--factors', 'pooling', '--full-epochs', '0'];

function run(args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', ...SMALL, '--workers', '0', ...args, '--out', join(dir, 'never')],
    { cwd: HERE, encoding: 'utf8', timeout: 120_000 },
  );
}

/** Every command here fails before any training: one message, no stack, nothing written. */
function expectRefused(r: ReturnType<typeof run>, message: string): void {
  expect(r.status, r.stderr).toBe(1);
  expect(r.stderr).toContain(`convnet-sweep: ${message}`);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\[1\/\d+\]/); // no sweep run finished
  expect(existsSync(join(dir, 'never'))).toBe(false);
}

describe('examples/convnet-sweep command line', () => {
  it.each([
    ['missing', () => join(dir, 'no-fashion-here'), 'Fashion-MNIST files not found'],
    [
      'not IDX files',
      () => {
        const root = join(dir, 'garbled-fashion');
        mkdirSync(root, { recursive: true });
        for (const f of [
          'train-images-idx3-ubyte',
          'train-labels-idx1-ubyte',
          't10k-images-idx3-ubyte',
          't10k-labels-idx1-ubyte',
        ])
          writeFileSync(join(root, f), 'not an IDX file');
        return root;
      },
      'Wrong IDX magic number',
    ],
  ])('stops with status 1 when Fashion-MNIST under --root is %s, saying what --root takes', (_, root, problem) => {
    const where = root();
    const r = run(['--data', 'fashion', '--root', where, '--estimate-only']);
    expectRefused(r, problem);
    expect(r.stdout).not.toContain('estimated time');
    expect(r.stderr).toContain(`file: ${where}`);
    // This command line's answer, not the loader's advice to library users ({ download: true }).
    expect(r.stderr).toContain('hint: --root DIR takes the folder of the Fashion-MNIST IDX files');
    expect(r.stderr).not.toContain('download: true');
  });

  it('names a --results file that is not a sweep results file', () => {
    const results = join(dir, 'garbled.jsonl');
    writeFileSync(results, 'garbage\n');
    expectRefused(run(['--results', results]), `${results}: line 1: expected a JSON trial record`);
  });
});
