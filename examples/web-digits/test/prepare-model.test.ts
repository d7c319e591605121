import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

const HERE = resolve(__dirname, '..');

describe('prepare-model command line', () => {
  it.each([
    [['--bogus'], "prepare-model: Unknown option '--bogus'"],
    [['--epochs'], "prepare-model: Option '--epochs <value>' argument missing"],
  ])('refuses %j with status 2, the message and the usage, before any training', (args, message) => {
    const r = spawnSync(process.execPath, [join('scripts', 'prepare-model.mjs'), ...args], { cwd: HERE, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage: prepare-model');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).not.toContain('mnist-convnet');
  });

  it('stops with status 1 when a step fails, naming it, and leaves no work folder behind', () => {
    // Its own temporary folder, so what the failed run leaves there is all that is counted.
    const tmp = mkdtempSync(join(tmpdir(), 'web-digits-test-'));
    onTestFinished(() => rmSync(tmp, { recursive: true, force: true }));
    const r = spawnSync(process.execPath, [join('scripts', 'prepare-model.mjs'), '--epochs', '0', '--out', join(tmp, 'out')], {
      cwd: HERE,
      encoding: 'utf8',
      env: { ...process.env, TMPDIR: tmp },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/prepare-model: pnpm --filter @dlkit-examples\/mnist-convnet start .* failed \(exit 2\)/);
    expect(readdirSync(tmp).filter((f) => f.startsWith('web-digits-model-'))).toEqual([]);
  }, 120_000);
});
