import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeCutCifar10Batches } from '@dlkit-examples/common';
import { afterAll, describe, expect, it } from 'vitest';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'cifar-cnn-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The smallest plan: one variant, in this process. */
const SMALL = ['--quick', '--studies', 'cifarnet', '--baseline-only', '--workers', '0'];

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...SMALL, ...args, '--out', join(dir, 'never')], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** Every command here fails before any training: one message, no stack, nothing written. */
function expectRefused(r: ReturnType<typeof run>, status: number, message: string): void {
  expect(r.status, r.stderr).toBe(status);
  expect(r.stderr).toContain(`cifar-cnn: ${message}`);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toContain('epoch 1/');
  expect(existsSync(join(dir, 'never'))).toBe(false);
}

describe('examples/cifar-cnn command line', () => {
  it('names the damaged CIFAR-10 file under --root and what --root takes, with status 1', async () => {
    await writeCutCifar10Batches(join(dir, 'truncated'));
    const r = run(['--root', join(dir, 'truncated'), '--estimate-only']);
    expectRefused(r, 1, 'CIFAR batch file size is not a whole number of records');
    expect(r.stderr).toMatch(/file: .*truncated\/cifar-10-batches-bin\/\w+\.bin/);
    // This command line's answer, not the loader's advice to library users ({ download: true }).
    expect(r.stderr).toContain('hint: --root takes a folder with cifar-10-batches-bin');
    expect(r.stderr).not.toContain('download: true');
  });

  it('stops with status 1 when --root holds no CIFAR-10, naming the folder: never the stand-in for a folder given', () => {
    const empty = join(dir, 'no-cifar-here');
    const r = run(['--root', empty, '--estimate-only']);
    expectRefused(r, 1, 'CIFAR-10 files not found');
    expect(r.stderr).toContain(`file: ${empty}`);
    expect(r.stderr).toContain('hint: --root takes a folder with cifar-10-batches-bin');
    expect(r.stdout).not.toContain('stand-in');
  });

  it('refuses a --pytorch file that is not there, with status 2', () => {
    const missing = join(dir, 'no-such-run.json');
    const r = run(['--pytorch', missing, '--estimate-only']);
    expectRefused(r, 2, '--pytorch: expected a readable JSON file of cifar_tf_net.py');
    expect(r.stderr).toContain(missing);
  });

  it('names a --results file that is not a sweep results file, with status 1', () => {
    const results = join(dir, 'garbled.jsonl');
    writeFileSync(results, 'garbage\n');
    expectRefused(run(['--results', results]), 1, `${results}: line 1: expected a JSON trial record`);
  });
});
