import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReproduceError } from '../src/errors';
import { REPO_ROOT } from '../src/paths';
import { progressOf, runCommand } from '../src/run-command';

const dir = mkdtempSync(join(tmpdir(), 'reproduce-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runCommand', () => {
  it('reads epoch and step progress from the examples’ lines', () => {
    expect(progressOf('epoch 3/30  loss 1.2')).toEqual({ epoch: 3, epochs: 30 });
    expect(progressOf('  [form 2 + random] step    10/300  train 0.45')).toEqual({ epoch: 10, epochs: 300 });
    expect(progressOf('  [form 2 + random] step     0/10  train —')).toBeUndefined();
    expect(progressOf('loaded 50000 images')).toBeUndefined();
  });

  it('logs the command and the output, and fails with the status and the last lines', async () => {
    const log = join(dir, 'log.txt');
    const command = {
      runner: 'python' as const,
      cwd: 'examples/reproduce',
      // The 'python' runner starts any interpreter: here this Node, so the test needs no Python.
      script: '-e',
      args: ['console.log("epoch 1/2"); console.error("boom"); process.exit(3)'],
      json: join(dir, 'x.json'),
    };
    const lines: string[] = [];
    const error = await runCommand(command, {
      root: REPO_ROOT,
      python: process.execPath,
      log,
      onLine: (l) => lines.push(l),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ReproduceError);
    expect(error).toMatchObject({ code: 'EXAMPLE_FAILED', file: log, received: 'exit status 3' });
    expect(error.message).toContain('boom');
    expect(lines).toEqual(expect.arrayContaining(['epoch 1/2', 'boom']));
    const text = readFileSync(log, 'utf8');
    expect(text).toContain(`(cd examples/reproduce && ${process.execPath} -e`);
    expect(text).toContain('boom');
  });

  it('a program that cannot start is an EXAMPLE_FAILED error with a hint', async () => {
    const command = { runner: 'python' as const, cwd: 'examples/reproduce', script: 'x.py', args: [], json: '/x' };
    const error = await runCommand(command, { root: REPO_ROOT, python: join(dir, 'no-python'), log: join(dir, 'l2.txt') }).catch(
      (e) => e,
    );
    expect(error).toMatchObject({ code: 'EXAMPLE_FAILED', hint: expect.stringContaining('--python') });
  });
});
