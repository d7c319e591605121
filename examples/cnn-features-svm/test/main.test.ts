import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isInstalled, writeCutCifar10Batches } from '@dlkit-examples/common';
import { afterAll, describe, expect, it } from 'vitest';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'cnn-features-svm-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', '--quick', ...args, '--out', join(dir, 'never')], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** Every command here fails before any training: one message, no stack, nothing written. */
function expectRefused(r: ReturnType<typeof run>, status: number, message: string): void {
  expect(r.status, r.stderr).toBe(status);
  expect(r.stderr).toContain(`cnn-features-svm: ${message}`);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toContain('test acc');
  expect(existsSync(join(dir, 'never'))).toBe(false);
}

describe('examples/cnn-features-svm command line', () => {
  it('names the damaged CIFAR-10 file under --root and what --root takes, with status 1', async () => {
    await writeCutCifar10Batches(join(dir, 'truncated'));
    const r = run(['--root', join(dir, 'truncated')]);
    expectRefused(r, 1, 'CIFAR batch file size is not a whole number of records');
    expect(r.stderr).toMatch(/file: .*truncated\/cifar-10-batches-bin\/\w+\.bin/);
    // This command line's answer, not the loader's advice to library users ({ download: true }).
    expect(r.stderr).toContain('hint: --root takes a folder with cifar-10-batches-bin');
    expect(r.stderr).not.toContain('download: true');
  });

  it('stops with status 1 when --root holds no CIFAR-10, naming the folder: never the stand-in for a folder given', () => {
    const empty = join(dir, 'no-cifar-here');
    const r = run(['--root', empty]);
    expectRefused(r, 1, 'CIFAR-10 files not found');
    expect(r.stderr).toContain(`file: ${empty}`);
    expect(r.stderr).toContain('hint: --root takes a folder with cifar-10-batches-bin');
    expect(r.stdout).not.toContain('stand-in');
  });

  it('refuses a --model path with nothing there, with status 2', () => {
    const missing = join(dir, 'no-model-here');
    expectRefused(run(['--model', missing]), 2, `${missing}: --model: expected a model.json`);
  });

  it('names the damaged checkpoint index of a --model folder, with status 1', () => {
    const ckpt = join(dir, 'garbled-checkpoint');
    mkdirSync(ckpt, { recursive: true });
    writeFileSync(join(ckpt, 'latest.json'), 'garbage\n');
    expectRefused(run(['--model', ckpt]), 1, `${join(ckpt, 'latest.json')}: expected a checkpoint index`);
  });

  it('refuses an unknown --engine with the names it takes and the usage, status 2', () => {
    const r = run(['--engine', 'gpu']);
    expectRefused(r, 2, '--engine must be one of tfjs-node-gpu, tfjs-node, wasm, cpu, got "gpu"');
    expect(r.stderr).toContain('Usage: cnn-features-svm [options]');
  });

  it.skipIf(isInstalled('@tensorflow/tfjs-node', HERE))('says --engine tfjs-node cannot start, with status 1', () => {
    const r = run(['--engine', 'tfjs-node']);
    expectRefused(r, 1, 'initBackend: no engine could be started (tfjs-node:');
    expect(r.stderr).toContain('--engine tfjs-node: install that engine');
  });
});
