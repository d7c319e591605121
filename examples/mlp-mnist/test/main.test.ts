import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'mlp-mnist-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The smallest study: one setting, two folds of one epoch. */
const SMALL = ['--settings', 'relu-sgd', '--folds', '2', '--epochs', '1'];

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...SMALL, ...args, '--out', join(dir, 'never')], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('examples/mlp-mnist command line', () => {
  it.each([
    [
      'a --results file that is not a sweep results file',
      () => {
        const results = join(dir, 'garbled.jsonl');
        writeFileSync(results, 'garbage\n');
        return ['--workers', '0', '--results', results];
      },
      (args: string[]) => `${args[3]}: line 1: expected a JSON trial record`,
    ],
    [
      'a --redis value that is not a Redis URL',
      () => ['--redis', 'nonsense'],
      () => 'redis: expected a redis:// or rediss:// URL',
    ],
  ])('names %s, with status 1 and before any fold runs', (_, flags, message) => {
    const args = flags();
    const r = run(args);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain(`mlp-mnist: ${message(args)}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toMatch(/\[1\/\d+\]/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
