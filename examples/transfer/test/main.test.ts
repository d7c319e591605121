import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isInstalled, writeCutCifar10Batches } from '@dlkit-examples/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeOrderedCifar10 } from './helpers';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'transfer-example-'));
beforeAll(async () => {
  await writeOrderedCifar10(join(dir, 'cifar'), 12, 6);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

/** A tiny net and tiny sets: the whole command in seconds on a loaded machine. */
const TINY = ['--filters', '4,4', '--units', '16,8', '--batch-size', '16', '--epochs', '2', '--base-epochs', '1'];

interface SplitJson {
  task: string;
  synthetic: boolean;
  split: { baseNames: string[]; targetNames: string[]; baseIds: number[]; targetIds: number[] };
  options: { labelsPerClass: number[] };
  estimate: { seconds: { total: number } };
  runs: Array<{ labelsPerClass: number; method: string; finalTestAccuracy: number; epochImages: number }>;
}

describe('transfer command line', () => {
  it('runs the CIFAR-10 split task by default on the CIFAR-10 under --root, estimate first, and writes JSON and HTML', () => {
    const out = join(dir, 'a');
    const r = run([
      '--root',
      join(dir, 'cifar'),
      ...TINY,
      '--base-classes',
      'ship,0,truck,cat,dog',
      '--base-train-per-class',
      '10',
      '--base-test-per-class',
      '4',
      '--labels-per-class',
      '5,2',
      '--test-per-class',
      '3',
      '--epoch-images',
      '20',
      '--checkpoint',
      join(dir, 'state'),
      '--out',
      out,
      '--json',
      join(out, 'run.json'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('task: cifar10-split (the default; --task cifar100 for CIFAR-10 → CIFAR-100) on real CIFAR-10');
    expect(r.stdout).toContain('base classes:   airplane, cat, dog, ship, truck (ids 0, 3, 5, 8, 9)');
    expect(r.stdout).toContain('target classes: automobile, bird, deer, frog, horse (ids 1, 2, 4, 6, 7)');
    expect(r.stdout).toMatch(/estimated time of this run: \d+ s/);
    expect(r.stdout.indexOf('estimated time')).toBeLessThan(r.stdout.indexOf('base  epoch 1/1'));
    expect(r.stdout).toContain('Labels per class → accuracy on all 30 target test images');
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as SplitJson;
    expect([json.task, json.synthetic]).toEqual(['cifar10-split', false]);
    expect(json.split.targetIds).toEqual([1, 2, 4, 6, 7]);
    expect(json.options.labelsPerClass).toEqual([2, 5]);
    expect(json.estimate.seconds.total).toBeGreaterThan(0);
    expect(json.runs.map((x) => `${x.labelsPerClass} ${x.method}`)).toEqual([
      '2 feature extractor',
      '2 fine-tune',
      '2 from scratch',
      '5 feature extractor',
      '5 fine-tune',
      '5 from scratch',
    ]);
    expect(json.runs.map((x) => x.epochImages)).toEqual([20, 20, 20, 25, 25, 25]);

    // the same command with --resume finds everything done
    const again = run([
      '--root',
      join(dir, 'cifar'),
      ...TINY,
      '--base-classes',
      'ship,0,truck,cat,dog',
      '--base-train-per-class',
      '10',
      '--base-test-per-class',
      '4',
      '--labels-per-class',
      '5,2',
      '--test-per-class',
      '3',
      '--epoch-images',
      '20',
      '--checkpoint',
      join(dir, 'state'),
      '--resume',
      '--out',
      out,
    ]);
    expect(again.status, again.stderr).toBe(0);
    // Nothing is left, and the estimate says so before the run starts.
    expect(again.stdout).toContain('estimated time of this run: 0 s (base net 0 s, target runs 0 s)');
    expect(again.stdout).toContain('resuming: base net saved, 6 of 6 target runs done');
    expect(again.stdout).not.toContain('base  epoch');
    expect(again.stdout.match(/\(from the checkpoint folder\)/g)).toHaveLength(6);
  });

  it('keeps the CIFAR-100 task (generated stand-ins without --root, when the dataset cache has no CIFAR)', () => {
    const out = join(dir, 'c100');
    // vitest.config points the dataset cache at a folder that does not exist.
    const r = run([
      '--task',
      'cifar100',
      ...TINY,
      '--base-train',
      '60',
      '--base-test',
      '20',
      '--train-per-class',
      '1',
      '--test-per-class',
      '1',
      '--methods',
      'feature-extractor,scratch',
      '--lrs',
      '0.001',
      '--no-folder',
      '--out',
      out,
      '--json',
      join(out, 'run.json'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('generated CIFAR-100 stand-in');
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { targetSource: string; runs: unknown[] };
    expect(json.targetSource).toContain('generated CIFAR-100 stand-in');
    expect(json.runs).toHaveLength(2);
  });

  it('gives clear errors for bad flags, before any training', () => {
    const cases: Array<[string[], RegExp]> = [
      [['--task', 'cifar1000'], /--task: expected one of cifar10-split, cifar100, received "cifar1000"/],
      [['--task', 'cifar100', '--labels-per-class', '10'], /--labels-per-class: expected --task cifar10-split/],
      [['--folder', 'x'], /--folder: expected --task cifar100/],
      [['--labels-per-class', '10,ten'], /--labels-per-class: expected comma-separated positive integers/],
      [['--test-per-class', 'most'], /--test-per-class: expected a positive integer or "all"/],
      [['--full', '--quick'], /--full and --quick exclude each other/],
      [['--resume'], /--resume needs --checkpoint DIR/],
      [
        ['--root', join(dir, 'cifar'), '--base-classes', 'cat,kitten'],
        /baseClasses: expected names or ids \(0–9\) of CIFAR-10 classes/,
      ],
      [
        ['--root', join(dir, 'cifar'), '--labels-per-class', '50'],
        /labelsPerClass: expected at most 12 \(the images of class dog in the data\), received 50/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = run(args);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('transfer: data, checkpoint and engine it cannot use', () => {
  /** Every command here fails before any training: one message naming what was wrong, no stack. */
  function expectRefused(r: ReturnType<typeof run>, status: number, message: string): void {
    expect(r.status, r.stderr).toBe(status);
    expect(r.stderr).toContain(`transfer: ${message}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('estimated time');
  }

  it('names the damaged CIFAR-10 file under --root and what --root takes, with status 1', async () => {
    await writeCutCifar10Batches(join(dir, 'truncated'));
    const r = run([...TINY, '--root', join(dir, 'truncated'), '--estimate-only']);
    expectRefused(r, 1, 'CIFAR batch file size is not a whole number of records');
    expect(r.stderr).toMatch(/file: .*truncated\/cifar-10-batches-bin\/\w+\.bin/);
    // This command line's answer, not the loader's advice to library users ({ download: true }).
    expect(r.stderr).toContain('hint: --root DIR takes CIFAR-10 as binary batches');
    expect(r.stderr).not.toContain('download: true');
  });

  it.each([
    [
      ['--root', join(dir, 'nothing-here'), '--estimate-only'],
      'CIFAR-10',
      join(dir, 'nothing-here'),
      'CIFAR-10 as binary batches',
    ],
    // The CIFAR-10 under --root is there; the CIFAR-100 beside it is not.
    [['--task', 'cifar100', '--root', join(dir, 'cifar')], 'CIFAR-100', join(dir, 'cifar'), 'cifar-100-binary'],
  ])(
    'stops with status 1 when %j lacks %s, naming the folder: never the stand-in for a folder given',
    (args, what, folder, takes) => {
      const r = run([...TINY, ...args]);
      expectRefused(r, 1, `${what} files not found`);
      expect(r.stderr).toContain(`file: ${folder}`);
      expect(r.stderr).toContain(`hint: --root DIR takes `);
      expect(r.stderr).toContain(takes);
      expect(r.stdout).not.toContain('stand-in');
    },
  );

  it('names the damaged base-net checkpoint index that --resume cannot read, with status 1', () => {
    const ckpt = join(dir, 'garbled-checkpoint');
    mkdirSync(join(ckpt, 'base-checkpoints'), { recursive: true });
    writeFileSync(join(ckpt, 'base-checkpoints', 'latest.json'), 'garbage\n');
    const r = run(['--quick', '--checkpoint', ckpt, '--resume', '--estimate-only']);
    expectRefused(r, 1, `${join(ckpt, 'base-checkpoints', 'latest.json')}: expected a checkpoint index`);
  });

  it('refuses an unknown --engine with the names it takes, status 2', () => {
    expectRefused(run(['--engine', 'gpu']), 2, '--engine must be one of tfjs-node-gpu, tfjs-node, wasm, cpu, got "gpu"');
  });

  it.skipIf(isInstalled('@tensorflow/tfjs-node', HERE))('says --engine tfjs-node cannot start, with status 1', () => {
    const r = run(['--engine', 'tfjs-node', '--estimate-only']);
    expectRefused(r, 1, 'initBackend: no engine could be started (tfjs-node:');
    expect(r.stderr).toContain('--engine tfjs-node: install that engine');
  });
});
