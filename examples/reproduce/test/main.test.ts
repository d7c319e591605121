import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReproductionResults } from '../src/results';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'reproduce-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

describe('reproduce --quick (a subset, end to end through trial processes)', () => {
  const out = join(dir, 'quick');
  const args = ['--quick', '--only', 'rnnlm,cnn-features-svm,siamese', '--workers', '1', '--out', out];
  const logs = ['rnnlm', 'cnn-features-svm', 'siamese'].map((id) => join(out, id, 'log.txt'));

  it('runs each experiment’s example, writes the results page and JSON', () => {
    const r = run(args);
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toContain('reproduction plan (--quick');
    expect(r.stdout).toMatch(
      /\(cd examples\/rnnlm && node --import tsx src\/main\.ts --data \S+stand-in\/ptb --protocol full --hidden 8/,
    );
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ReproductionResults;
    expect(results.quick).toBe(true);
    expect(results.experiments.map((x) => [x.id, x.status])).toEqual([
      ['cnn-features-svm', 'ok'],
      ['siamese', 'ok'],
      ['rnnlm', 'ok'],
    ]);
    for (const x of results.experiments) {
      expect(x.engine, x.id).toBeTruthy();
      expect(x.node).toBe(process.version);
      expect(x.seconds).toBeGreaterThan(0);
      expect(x.command).toMatch(/^\(cd examples\//);
    }
    expect(results.sweep).toMatchObject({ mode: 'local', ran: 3, reused: 0, failed: 0 });
    const kn5 = results.claims.find((c) => c.experiment === 'rnnlm' && c.claim === 'kn5');
    expect(kn5).toMatchObject({ seed: 141.2, met: null });
    expect(kn5?.dlkit).toBeGreaterThan(1);
    expect(results.claims.filter((c) => c.experiment === 'siamese').map((c) => c.seed)).toEqual([0.476, 0.473, 0.682, null]);
    const page = readFileSync(join(out, 'results.html'), 'utf8');
    expect(page).toContain('The seed claims');
    expect(page).toContain('141.2');
    expect(page).toContain('--quick: every experiment at its smallest size');
    expect(page.match(/<svg/g)?.length).toBeGreaterThanOrEqual(3); // siamese's t-SNE pictures
  }, 300_000);

  it('a second run reuses every finished experiment: no example is started again', () => {
    const before = logs.map((f) => statSync(f).size);
    const r = run(args);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.match(/finished in an earlier run, reused/g)).toHaveLength(3);
    expect(logs.map((f) => statSync(f).size)).toEqual(before);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ReproductionResults;
    expect(results.sweep).toMatchObject({ ran: 0, reused: 3 });
    expect(results.experiments.every((x) => x.reused === true)).toBe(true);
  }, 120_000);
});

describe('missing data', () => {
  it('the plan names the missing file of each skipped experiment, and nothing crashes', () => {
    const data = join(dir, 'empty-data');
    mkdirSync(data, { recursive: true });
    const r = run([
      '--data',
      data,
      '--fashion',
      join(dir, 'no-fashion'),
      '--estimate-only',
      '--no-measure',
      '--python',
      join(dir, 'no-python'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('0 of 8 experiments');
    expect(r.stdout).toContain(`cifar-tf — SKIPPED: missing ${join(data, 'cifar10', 'cifar10-jpg.tar.gz')}`);
    expect(r.stdout).toContain(`rnnlm — SKIPPED: missing ${join(data, 'ptb', 'ptb.train.txt')}`);
    expect(r.stdout).toContain(`tsne-features — SKIPPED: missing ${join(data, 'cifar10', 'cifar10-jpg.tar.gz')}`);
    expect(r.stdout).toContain(`fashion-convnet — SKIPPED: missing ${join(dir, 'no-fashion')}`);
    expect(r.stdout).toContain('a Python 3 with torch');
  }, 60_000);

  it('a run with nothing to do still writes the page, listing what was skipped and why', () => {
    const out = join(dir, 'nothing');
    const r = run(['--data', join(dir, 'empty-data'), '--only', 'rnnlm', '--no-measure', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as ReproductionResults;
    expect(results.experiments).toMatchObject([{ id: 'rnnlm', status: 'skipped' }]);
    expect(results.experiments[0].missing?.[0]).toContain('ptb.train.txt');
    expect(readFileSync(join(out, 'results.html'), 'utf8')).toContain('Skipped: ');
  }, 60_000);

  it('an unknown experiment name is refused with the list of names', () => {
    const r = run(['--only', 'cifar-tf,nope', '--estimate-only']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"nope" is not one of cifar-tf, pytorch-cifar');
  });

  it('names an --out folder it cannot make, with status 1 and no stack trace', () => {
    const r = run(['--out', '/dev/null/reports', '--estimate-only', '--no-measure']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("reproduce: ENOTDIR: not a directory, mkdir '/dev/null/reports'");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names a trials.jsonl in --out that is not a sweep results file, before any experiment runs', () => {
    const data = join(dir, 'data-for-garbled');
    mkdirSync(join(data, 'ptb'), { recursive: true });
    for (const split of ['train', 'valid', 'test']) writeFileSync(join(data, 'ptb', `ptb.${split}.txt`), 'a b c\n');
    const out = join(dir, 'garbled');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'trials.jsonl'), 'garbage\n');
    const r = run(['--data', data, '--only', 'rnnlm', '--no-measure', '--workers', '0', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`reproduce: ${join(out, 'trials.jsonl')}: line 1: expected a JSON trial record`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'rnnlm', 'log.txt'))).toBe(false);
  });
});
