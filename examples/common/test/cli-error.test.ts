import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { DlkitError } from '@dlkit/core';
import { DatasetError, loadMnist } from '@dlkit/datasets';
import { describe, expect, it, vi } from 'vitest';
import { CliError, describeFailure, exitOnError, withHint } from '../src/cli-error';

/** The error the loader throws for a folder without the IDX files, with its library hint. */
async function notFound(): Promise<DatasetError> {
  const root = join(tmpdir(), 'dlkit-cli-error-no-fashion-here');
  const e = await loadMnist({ variant: 'fashion', root }).catch((x: unknown) => x);
  if (!(e instanceof DatasetError)) throw new Error(`expected a DatasetError, got ${String(e)}`);
  return e;
}

/** Stands in for @dlkit/backend's error, which examples/common does not depend on. */
class BackendError extends DlkitError {
  override name = 'BackendError';
}

class UsageError extends Error {}

describe('withHint', () => {
  it("replaces a dataset error's hint line, keeping the file and what was expected", async () => {
    const e = await notFound();
    expect(e.message).toContain('{ download: true }');
    const text = withHint(e, '--root DIR: the Fashion-MNIST IDX folder');
    expect(text).not.toContain('download: true');
    expect(text).toContain(`file: ${e.file}`);
    expect(text).toContain('expected: train-images-idx3-ubyte.gz');
    expect(text.endsWith('\n  hint: --root DIR: the Fashion-MNIST IDX folder')).toBe(true);
  });

  it('adds a hint line to a dataset error without one', () => {
    const e = new DatasetError('gzip stream truncated', { code: 'TRUNCATED', file: '/d/a.gz' });
    expect(withHint(e, '--root DIR')).toBe('gzip stream truncated\n  file: /d/a.gz\n  hint: --root DIR');
  });

  it('replaces the last sentence of a composed message, or adds one', () => {
    const e = new DlkitError({ argument: 'root', expected: 'a folder', received: 'x', hint: 'pass { root }' });
    expect(withHint(e, '--root DIR')).toBe('root: expected a folder, received "x". --root DIR');
    expect(withHint(new DlkitError({ message: 'no engine.' }), '--engine')).toBe('no engine. --engine');
  });
});

describe('describeFailure', () => {
  it('puts the command-line data hint in place of the library one, status 1', async () => {
    const e = await notFound();
    const f = describeFailure('demo', e, { dataHint: '--root DIR: the IDX folder' });
    expect(f).toMatchObject({ status: 1, expected: true });
    expect(f.text.startsWith('demo: Fashion-MNIST files not found\n')).toBe(true);
    expect(f.text).toContain('hint: --root DIR: the IDX folder');
    expect(f.text).not.toContain('download: true');
    expect(f.text).not.toMatch(/\n\s+at /);
    // A function may keep the loader's hint.
    expect(describeFailure('demo', e, { dataHint: () => undefined }).text).toContain('{ download: true }');
  });

  it('puts the hint of the dataset that failed, and keeps the loader hint of a dataset it has none for', async () => {
    const e = await notFound(); // Fashion-MNIST's loader: dataset 'fashion-mnist'
    const hints = { 'fashion-mnist': '--root DIR: the Fashion-MNIST IDX folder', cifar10: '--root DIR: CIFAR-10' };
    expect(describeFailure('demo', e, { dataHint: hints }).text).toContain('hint: --root DIR: the Fashion-MNIST IDX folder');
    expect(describeFailure('demo', e, { dataHint: { cifar10: '--root DIR: CIFAR-10' } }).text).toContain('{ download: true }');
    // A reader of any data names no dataset: its own message stands.
    const plain = new DatasetError('Wrong IDX magic number', { code: 'BAD_FORMAT', file: 'x.idx', hint: 'gunzip it' });
    expect(describeFailure('demo', plain, { dataHint: hints }).text).toBe(`demo: ${plain.message}`);
  });

  it('names --engine and the engine when the engine the flag asked for cannot start', () => {
    const e = new BackendError({
      message: 'initBackend: no engine could be started (tfjs-node: @tensorflow/tfjs-node not installed)',
      argument: 'prefer',
      received: 'tfjs-node',
    });
    const f = describeFailure('demo', e, { engineFlag: true });
    expect(f.status).toBe(1);
    expect(f.text).toMatch(/^demo: initBackend: no engine could be started \(tfjs-node: .*\)\. --engine tfjs-node: /);
    expect(f.text).toContain('leave out --engine');
    expect(describeFailure('demo', e).text).not.toContain('leave out --engine');
  });

  it("gives the example's usage errors status 2 and a pointer to --help", () => {
    const f = describeFailure('demo', new UsageError('--studies: expected tf'), { usageErrors: [UsageError] });
    expect(f).toEqual({ text: 'demo: --studies: expected tf\n(--help lists the flags)', status: 2, expected: true });
  });

  it('says a system error on a path in one line, and a CliError as it is', async () => {
    const e = await mkdir('/dev/null/x').catch((x: unknown) => x);
    expect(describeFailure('demo', e)).toEqual({
      text: "demo: ENOTDIR: not a directory, mkdir '/dev/null/x'",
      status: 1,
      expected: true,
    });
    expect(describeFailure('demo', new CliError('2 of 6 trials failed'))).toEqual({
      text: 'demo: 2 of 6 trials failed',
      status: 1,
      expected: true,
    });
  });

  it('keeps the stack of anything else: a bug', () => {
    const f = describeFailure('demo', new TypeError('x is undefined'));
    expect(f).toMatchObject({ status: 1, expected: false });
    expect(f.text).toMatch(/^TypeError: x is undefined\n\s+at /);
  });
});

describe('exitOnError', () => {
  it('prints the text on stderr and exits with the status', () => {
    const printed: string[] = [];
    const err = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    try {
      expect(() => exitOnError('demo', { usageErrors: [UsageError] })(new UsageError('--x: bad'))).toThrow('exit 2');
      expect(printed).toEqual(['demo: --x: bad\n(--help lists the flags)']);
    } finally {
      err.mockRestore();
      exit.mockRestore();
    }
  });
});
