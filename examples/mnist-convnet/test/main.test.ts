import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isInstalled } from '@dlkit-examples/common';
import { afterAll, describe, expect, it } from 'vitest';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'mnist-convnet-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Small enough for a loaded 2-core machine: 400 training images, a 4-4-16 net, one wasm thread. */
const SMALL = ['--limit', '400', '--nstates', '4,4,16', '--threads', '1', '--val', '0.1'];

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

interface Summary {
  dataset: string;
  trainSamples: number;
  testSamples: number;
  parameters: number;
  model: string;
  options: { epochs: number; seed: number; validation: number };
  accuracy: number;
  loss: number;
  topK: Record<string, number>;
  perClassAccuracy: Record<string, number>;
  report: Record<string, unknown>;
  confusionMatrix: number[][];
  history: { epoch: number; loss: number; accuracy: number; valLoss: number; valAccuracy: number; learningRate: number }[];
  stopReason: string;
  preprocessing: { inputShape: number[]; normalization: { mean: number[]; std: number[] }; classNames: string[] };
  report_html: string;
}

function trainSmall(name: string, extra: string[] = []): Summary {
  const out = join(dir, name);
  const r = run([...SMALL, '--out', out, '--json', join(out, 'run.json'), ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Summary;
}

describe('examples/mnist-convnet (bundled MNIST sample, small net, few epochs)', () => {
  let first: Summary;

  it('trains, evaluates on the 2,000 test images and writes the JSON, the HTML report and latest.json', () => {
    const out = join(dir, 'a');
    const r = run([...SMALL, '--epochs', '2', '--out', out, '--json', join(out, 'run.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('MNIST (bundled sample): 400 train / 2000 test images of 28×28×1');
    expect(r.stdout).toMatch(/precision\s+recall\s+f1-score\s+support/);
    expect(r.stdout).toMatch(/test accuracy \d+\.\d\d %/);
    first = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Summary;

    expect([first.dataset, first.trainSamples, first.testSamples]).toEqual(['mnist', 400, 2000]);
    expect(first.history.map((h) => h.epoch)).toEqual([1, 2]);
    expect(first.history.map((h) => h.learningRate)).toEqual([0.001, 0.0005]); // the default step schedule halves it
    for (const h of first.history) for (const v of [h.loss, h.valLoss]) expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(first.stopReason).toBe('epochs');
    // Two epochs on 400 images already beat chance (10 %) clearly.
    expect(first.accuracy).toBeGreaterThan(0.2);
    expect(first.accuracy).toBeLessThanOrEqual(first.topK['2']);
    // The confusion matrix, the report and the per-class accuracies describe the same 2,000 predictions.
    const cm = first.confusionMatrix;
    expect(cm).toHaveLength(10);
    expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(2000);
    const diagonal = cm.reduce((a, row, i) => a + row[i], 0);
    expect(diagonal / 2000).toBeCloseTo(first.accuracy, 12);
    expect(first.report.accuracy).toBeCloseTo(first.accuracy, 12);
    expect(Object.keys(first.perClassAccuracy)).toEqual(first.preprocessing.classNames);
    expect(first.preprocessing.inputShape).toEqual([28, 28, 1]);
    expect(first.preprocessing.normalization.std[0]).toBeGreaterThan(0);

    expect(existsSync(first.report_html)).toBe(true);
    expect(readFileSync(first.report_html, 'utf8')).toContain('MNIST');
    const latest = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as {
      example: string;
      json: string;
      headline: Record<string, string>;
    };
    expect(latest.example).toBe('mnist-convnet');
    expect(latest.json).toBe('run.json');
    expect(latest.headline['test accuracy']).toBe(`${(first.accuracy * 100).toFixed(2)} %`);
  });

  it('gives the same numbers for the same seed, and different ones for another seed', () => {
    const again = trainSmall('b', ['--epochs', '2']);
    expect(again.history.map(({ loss, accuracy, valLoss, valAccuracy }) => [loss, accuracy, valLoss, valAccuracy])).toEqual(
      first.history.map(({ loss, accuracy, valLoss, valAccuracy }) => [loss, accuracy, valLoss, valAccuracy]),
    );
    expect(again.confusionMatrix).toEqual(first.confusionMatrix);
    const other = trainSmall('c', ['--epochs', '2', '--seed', '2']);
    expect(other.history[0].loss).not.toBe(first.history[0].loss);
  });

  it('puts a dropout layer after the conv blocks with --dropout, which changes the training run', () => {
    const dropped = trainSmall('e', ['--epochs', '2', '--dropout', '0.5']);
    expect(dropped.model).toContain('dropout 0.5');
    expect(dropped.history.map((h) => h.loss)).not.toEqual(first.history.map((h) => h.loss));
  });

  it('resumes from a checkpoint to the same result as an uninterrupted run', () => {
    const ckpt = join(dir, 'ckpt');
    const half = trainSmall('d', ['--epochs', '1', '--checkpoint', ckpt]);
    expect(half.history).toHaveLength(1);
    const out = join(dir, 'e');
    const r = run([...SMALL, '--epochs', '2', '--checkpoint', ckpt, '--resume', '--out', out, '--json', join(out, 'run.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`resumed after epoch 1 from ${ckpt}`);
    // The estimate counts only what is left to train.
    expect(r.stdout).toMatch(/ms\/image × 1 epoch \(1 of 2 done\)\)/);
    const resumed = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Summary;
    expect(resumed.history.map((h) => h.loss)).toEqual(first.history.map((h) => h.loss));
    expect(resumed.accuracy).toBe(first.accuracy);
    expect(resumed.confusionMatrix).toEqual(first.confusionMatrix);
  });

  it('prints the measured time estimate before training, and stops there with --estimate-only', () => {
    const out = join(dir, 'estimate');
    const r = run([...SMALL, '--epochs', '3', '--estimate-only', '--out', out, '--json', join(out, 'run.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /estimated time: (< 0\.1|\d+(\.\d)?) min \(\d+ s, \d+\.\d\d ms\/image × 3 epochs\), measured on this machine's current load/,
    );
    expect(r.stdout).not.toContain('epoch 1/3');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    [['--optimizer', 'rmsprop'], '--optimizer must be one of sgd, momentum, adadelta, adam, got "rmsprop"'],
    [['--epochs', '0'], '--epochs must be an integer ≥ 1, got "0"'],
    [['--nstates', '4,4'], '--nstates takes three positive integers, e.g. 64,64,128'],
    [['--val', '1'], '--val must be a fraction in [0, 1), got 1'],
    [['--engine', 'gpu'], '--engine must be one of tfjs-node-gpu, tfjs-node, wasm, cpu, got "gpu"'],
    [['--resume'], '--resume needs --checkpoint DIR'],
    [['--data', 'cifar'], '--data must be one of mnist, fashion, got "cifar"'],
    [['--dropout', '1'], '--dropout takes a rate in [0, 1), e.g. 0.5'],
  ])('refuses %j with a clear message before any work', (args, message) => {
    const r = run([...args, '--out', join(dir, 'never')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});

describe('examples/mnist-convnet: data, engine and checkpoint it cannot use', () => {
  /** A folder with the four Fashion-MNIST file names, each cut short or not an IDX file at all. */
  function badFashion(name: string, bytes: Buffer): string {
    const root = join(dir, name);
    mkdirSync(root, { recursive: true });
    for (const f of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'])
      writeFileSync(join(root, f), bytes);
    return root;
  }

  it.each([
    ['missing', () => join(dir, 'no-fashion-here'), 'Fashion-MNIST files not found'],
    ['garbled', () => badFashion('garbled-fashion', Buffer.from('not an IDX file')), 'Wrong IDX magic number'],
  ])('stops with status 1 when Fashion-MNIST under --root is %s, saying what --root takes', (_, root, problem) => {
    const where = root();
    const r = run(['--data', 'fashion', '--root', where, '--estimate-only', '--out', join(dir, 'never')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`mnist-convnet: ${problem}`);
    expect(r.stderr).toContain(`file: ${where}`);
    // This command line's answer, not the loader's advice to library users ({ download: true }).
    expect(r.stderr).toContain('hint: --root DIR takes the folder of the Fashion-MNIST IDX files');
    expect(r.stderr).not.toContain('download: true');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('estimated time');
  });

  it('names the damaged checkpoint index that --resume cannot read', () => {
    const ckpt = join(dir, 'garbled-checkpoint');
    mkdirSync(ckpt, { recursive: true });
    writeFileSync(join(ckpt, 'latest.json'), 'garbage\n');
    const r = run([...SMALL, '--checkpoint', ckpt, '--resume', '--estimate-only', '--out', join(dir, 'never')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`mnist-convnet: ${join(ckpt, 'latest.json')}: expected a checkpoint index`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(isInstalled('@tensorflow/tfjs-node', HERE))('says --engine tfjs-node cannot start, without a stack trace', () => {
    const r = run([...SMALL, '--engine', 'tfjs-node', '--estimate-only', '--out', join(dir, 'never')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('mnist-convnet: initBackend: no engine could be started (tfjs-node:');
    expect(r.stderr).toContain('--engine tfjs-node: install that engine');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
