import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FASHION_MNIST_CLASS_NAMES } from '@dlkit/datasets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFashionIdx } from './idx-files';
import { markupProblems, LATEST_FILE, readLatestReport } from '@dlkit-examples/common';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'hog-svm-example-'));
const FASHION = join(dir, 'fashion');

// The record of the user's last real run (default --out) must survive the tests' runs in their own --out folders.
const PACKAGE_LATEST = join(HERE, 'reports', LATEST_FILE);
const packageRecord = () => (existsSync(PACKAGE_LATEST) ? readFileSync(PACKAGE_LATEST, 'utf8') : undefined);
const packageRecordBefore = packageRecord();

beforeAll(async () => {
  // 30 training and 10 test images per class in the official IDX format.
  await writeFashionIdx(FASHION, 30, 10);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(script: 'main' | 'compare-sklearn', args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', `src/${script}.ts`, ...args], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

interface Result {
  dataset: string;
  trainSize: number;
  testSize: number;
  features: number;
  accuracy: number;
  supportVectors: number;
  seconds: { hog: number; fit: number; predict: number };
  report: string;
  confusionMatrix: number[][];
  classNames: string[];
}

interface Summary {
  experiment: string;
  hog: { orientations: number; pixelsPerCell: number[]; cellsPerBlock: number[]; blockNorm: string };
  svm: { kernel: string; C: number; gamma: number };
  seed: number;
  node: string;
  results: Result[];
  timing: Record<string, number>;
  report_html: string;
}

describe('examples/hog-svm: the digits sample, then Fashion-MNIST', () => {
  const out = join(dir, 'both');
  const jsonPath = join(out, 'run.json');
  let summary: Summary;
  let stdout: string;

  it('runs both experiments in turn and writes the JSON', () => {
    const r = run('main', ['--fashion-root', FASHION, '--fashion-train', '100', '--out', out, '--json', jsonPath]);
    expect(r.status, r.stderr).toBe(0);
    stdout = r.stdout;
    expect(stdout.indexOf('== mnist-digits-sample: 8000 train / 2000 test images ==')).toBeLessThan(
      stdout.indexOf('== fashion-mnist: 100 train / 100 test images =='),
    );
    expect(stdout).toContain(
      'Fashion-MNIST: stratified subsample of 100 of 300 training images (--fashion-train all for every image)',
    );
    summary = JSON.parse(readFileSync(jsonPath, 'utf8')) as Summary;
    expect(summary.experiment).toBe('hog-svm');
    expect(summary.hog).toEqual({ orientations: 9, pixelsPerCell: [5, 5], cellsPerBlock: [2, 2], blockNorm: 'L2-Hys' });
    expect(summary.svm).toEqual({ kernel: 'rbf', C: 5, gamma: 0.05 });
    expect(summary.seed).toBe(0);
    expect(summary.node).toBe(process.version);
    expect(summary.results.map((x) => [x.dataset, x.trainSize, x.testSize, x.features])).toEqual([
      ['mnist-digits-sample', 8000, 2000, 576],
      ['fashion-mnist', 100, 100, 576],
    ]);
    expect(Object.keys(summary.timing)).toEqual(
      expect.arrayContaining([
        'mnist-digits-sample: HOG',
        'mnist-digits-sample: SVM fit',
        'mnist-digits-sample: SVM predict',
        'fashion-mnist: HOG',
        'fashion-mnist: SVM fit',
        'fashion-mnist: SVM predict',
        'total',
      ]),
    );
  });

  it('gets the README’s figures on the bundled digits: 97.85 % with 2,400 support vectors', () => {
    const digits = summary.results[0];
    expect(digits.accuracy).toBe(0.9785);
    expect(digits.supportVectors).toBe(2400);
    expect(stdout).toContain('accuracy mnist-digits-sample: 97.85%');
    expect(digits.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('learns the generated clothes, and the confusion matrix, the report and the accuracy describe the same predictions', () => {
    const fashion = summary.results[1];
    expect(fashion.classNames).toEqual([...FASHION_MNIST_CLASS_NAMES]);
    // Ten bar orientations, one per class: HOG separates them far above chance (10 %).
    expect(fashion.accuracy).toBeGreaterThan(0.8);
    expect(fashion.supportVectors).toBeGreaterThan(0);
    expect(fashion.supportVectors).toBeLessThanOrEqual(100);
    for (const x of summary.results) {
      const cm = x.confusionMatrix;
      expect(cm).toHaveLength(10);
      expect(cm.flat().reduce((a, b) => a + b, 0)).toBe(x.testSize);
      expect(cm.reduce((a, row, i) => a + row[i], 0) / x.testSize).toBeCloseTo(x.accuracy, 12);
      expect(x.report).toMatch(new RegExp(`accuracy\\s+${x.accuracy.toFixed(4)}\\s+${x.testSize}`));
      expect(x.report).toContain('macro avg');
    }
    // Rows are the true classes: the generated test set has ten images of each.
    expect(fashion.confusionMatrix.map((row) => row.reduce((a, b) => a + b, 0))).toEqual(new Array(10).fill(10));
  });

  it('writes one well-formed HTML report with a section per data set: accuracy, heatmap and classification report', () => {
    expect(readdirSync(out).filter((f) => f.endsWith('.html'))).toEqual([summary.report_html.slice(out.length + 1)]);
    expect(summary.report_html).toMatch(/hog-svm-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z\.html$/);
    expect(stdout).toContain(`report: ${summary.report_html}`);
    const html = readFileSync(summary.report_html, 'utf8');
    expect(markupProblems(html, { html: true })).toEqual([]);
    expect(html).toContain('<title>HOG + RBF SVM</title>');
    expect(html).toContain('SVM: RBF kernel, C = 5, gamma = 0.05; seed 0.');
    expect(html).toContain('mnist-digits-sample: 97.85 %');
    expect(html).toContain(`fashion-mnist: ${(summary.results[1].accuracy * 100).toFixed(2)} %`);
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('Ankle boot');
  });

  it('records the run in latest.json in its --out folder for the results page, not in the package reports/', async () => {
    const file = join(out, LATEST_FILE);
    const latest = await readLatestReport(file);
    if (latest?.json === undefined || latest.html === undefined) throw new Error(`no html/json record in ${file}`);
    expect(latest.example).toBe('hog-svm');
    expect(resolve(out, latest.json)).toBe(jsonPath);
    expect(resolve(out, latest.html)).toBe(summary.report_html);
    expect(latest.headline['mnist-digits-sample accuracy']).toBe('97.85 %');
    expect(packageRecord()).toBe(packageRecordBefore);
  });
});

describe('examples/hog-svm --dataset fashion', () => {
  it('uses every training image unless --fashion-train asks for fewer, with --C and --gamma as given', () => {
    const out = join(dir, 'fashion-all');
    const r = run('main', [
      '--dataset',
      'fashion',
      '--fashion-root',
      FASHION,
      '--C',
      '10',
      '--gamma',
      '0.1',
      '--out',
      out,
      '--json',
      join(out, 'run.json'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('mnist-digits-sample');
    expect(r.stdout).not.toContain('stratified subsample');
    const s = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as Summary;
    expect(s.svm).toEqual({ kernel: 'rbf', C: 10, gamma: 0.1 });
    expect(s.results.map((x) => [x.dataset, x.trainSize, x.testSize])).toEqual([['fashion-mnist', 300, 100]]);
  });
});

describe('examples/hog-svm command line', () => {
  it('stops with status 1, before the digits experiment, when Fashion-MNIST is not under --fashion-root', () => {
    const missing = join(dir, 'no-fashion-here');
    const out = join(dir, 'never');
    const r = run('main', ['--fashion-root', missing, '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`hog-svm: cannot load Fashion-MNIST from ${missing}`);
    expect(r.stderr).toContain('--fashion-root takes the folder of the Fashion-MNIST IDX files');
    expect(r.stderr).toContain('--dataset digits');
    expect(r.stderr).toContain('train-images-idx3-ubyte.gz');
    // This command line's answer in place of the loader's advice to library users ({ download: true }).
    expect(r.stderr).toContain('hint: --fashion-root takes the folder');
    expect(r.stderr).not.toContain('download: true');
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(r.stdout).not.toContain('mnist-digits-sample');
    expect(existsSync(out)).toBe(false);
  });

  it('stops with status 1, before the digits experiment, when --out cannot be made (a file stands in its path)', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const r = run('main', ['--dataset', 'digits', '--out', join(file, 'reports')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`hog-svm: ENOTDIR: not a directory, mkdir '${join(file, 'reports')}'`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('mnist-digits-sample');
  });

  it('lists its flags with --help', () => {
    const r = run('main', ['--help']);
    expect(r.status).toBe(0);
    for (const flag of ['--dataset', '--fashion-root', '--fashion-train', '--C', '--gamma', '--seed', '--out', '--json'])
      expect(r.stdout).toContain(flag);
  });

  it.each([
    [['--dataset', 'mnist'], '--dataset must be one of digits, fashion, both, got "mnist"'],
    [['--C', '0'], '--C must be a positive number, got "0"'],
    [['--gamma=-1'], '--gamma must be a number ≥ 0, got "-1"'],
    [['--fashion-train', '0'], '--fashion-train must be an integer ≥ 1, got "0"'],
    [['--fashion-train', 'most'], '--fashion-train must be an integer ≥ 1, got "most"'],
    [['--seed', '1.5'], '--seed must be an integer ≥ 0, got "1.5"'],
    [['--kernel', 'linear'], "Unknown option '--kernel'"],
  ])('refuses %j with status 2, the message and the usage', (args, message) => {
    const out = join(dir, 'never');
    const r = run('main', [...args, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`hog-svm: ${message}`);
    expect(r.stderr).toContain('Usage: hog-svm [options]');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });
});

/** Whether the Python that compare-sklearn runs has scikit-learn; the comparison is optional, so is Python. */
const sklearn = spawnSync('/usr/bin/python3', ['-c', 'import numpy, sklearn.svm']).status === 0;

describe('examples/hog-svm compare-sklearn', () => {
  it('feeds the same HOG features to scikit-learn’s SVC and counts identical predictions (or says scikit-learn is missing)', () => {
    const json = join(dir, 'compare.json');
    const r = run('compare-sklearn', ['--fashion-root', FASHION, '--train', '100', '--test', '50', '--json', json]);
    if (!sklearn) {
      // A benchmark peer, not a dependency: without it the run stops at once, saying what to install.
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('apt-get install python3-sklearn');
      return;
    }
    expect(r.status, r.stderr).toBe(0);
    const c = JSON.parse(readFileSync(json, 'utf8')) as {
      experiment: string;
      data: string;
      svm: { kernel: string; C: number; gamma: number };
      dlkit: { accuracy: number; supportVectors: number };
      sklearn: { sklearn: string; accuracy: number; supportVectors: number };
      identicalPredictions: number;
    };
    expect(c.experiment).toBe('hog-svm-vs-sklearn');
    expect(c.data).toBe('Fashion-MNIST, 100 training images (stratified, seed 0) / first 50 test images, HOG 576');
    expect(c.svm).toEqual({ kernel: 'rbf', C: 5, gamma: 0.05 });
    // The same solver on the same features: the same support vectors and predictions.
    expect(c.sklearn.supportVectors).toBe(c.dlkit.supportVectors);
    expect(c.sklearn.accuracy).toBe(c.dlkit.accuracy);
    expect(c.identicalPredictions).toBe(1);
  });

  it('says that it needs Python with scikit-learn, before loading any data', () => {
    const python = join(dir, 'no-python-here', 'python3');
    const r = run('compare-sklearn', ['--python', python, '--fashion-root', join(dir, 'no-fashion-here')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^compare-sklearn: cannot run .*no-python-here\/python3.*apt-get install python3-sklearn/m);
    expect(r.stderr).not.toContain('Fashion-MNIST');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a missing Fashion-MNIST with status 1 and what --fashion-root takes', () => {
    // A stand-in Python whose imports succeed, so the run gets past the check above to the data.
    const python = join(dir, 'python-ok');
    writeFileSync(python, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
    const missing = join(dir, 'no-fashion-here');
    const r = run('compare-sklearn', ['--python', python, '--fashion-root', missing]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`compare-sklearn: cannot load Fashion-MNIST from ${missing}`);
    expect(r.stderr).toContain('--fashion-root takes the folder of the Fashion-MNIST IDX files');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
