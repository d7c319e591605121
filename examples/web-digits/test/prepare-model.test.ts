import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

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
});
