import { describe, expect, it, vi } from 'vitest';
import { parseCli } from '../src/cli';

const usage = 'Usage: demo [--epochs N]';
const flags = {
  epochs: { type: 'string' },
  lr: { type: 'string' },
  pool: { type: 'string' },
  fast: { type: 'boolean' },
} as const;

function exitCode(fn: () => unknown): number | undefined {
  const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
    throw new Error(`exit ${code}`);
  }) as never);
  const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    fn();
    return undefined;
  } catch (e) {
    return Number((e as Error).message.replace('exit ', ''));
  } finally {
    exit.mockRestore();
    err.mockRestore();
  }
}

describe('parseCli', () => {
  it('drops the -- that pnpm passes through and reads typed values', () => {
    const cli = parseCli('demo', usage, flags, [
      '--',
      '--epochs',
      '3',
      '--lr',
      '0.5',
      '--pool',
      'max,avg',
      '--fast',
      '--json',
      'x.json',
    ]);
    expect(cli.int('epochs', 1)).toBe(3);
    expect(cli.float('lr', 0.1)).toBe(0.5);
    expect(cli.list('pool', ['max'], ['max', 'avg', 'l2'])).toEqual(['max', 'avg']);
    expect(cli.flag('fast')).toBe(true);
    expect(cli.str('json')).toBe('x.json');
  });

  it('falls back to the defaults when a flag is absent', () => {
    const cli = parseCli('demo', usage, flags, []);
    expect(cli.int('epochs', 5)).toBe(5);
    expect(cli.choice('pool', ['max', 'avg'] as const, 'avg')).toBe('avg');
    expect(cli.numbers('lr', [0.1, 0.01])).toEqual([0.1, 0.01]);
    expect(cli.flag('fast')).toBe(false);
    expect(parseCli('demo', usage, { n: { type: 'string' } }, ['--n', '16,32']).ints('n', [1, 2])).toEqual([16, 32]);
  });

  it('exits with status 2 on an unknown flag or a bad value', () => {
    expect(exitCode(() => parseCli('demo', usage, flags, ['--nope']))).toBe(2);
    expect(exitCode(() => parseCli('demo', usage, flags, ['--epochs', '2.5']).int('epochs', 1))).toBe(2);
    expect(exitCode(() => parseCli('demo', usage, flags, ['--lr', 'abc']).float('lr', 1))).toBe(2);
    expect(exitCode(() => parseCli('demo', usage, flags, ['--pool', 'max,median']).list('pool', [], ['max', 'avg']))).toBe(2);
    expect(exitCode(() => parseCli('demo', usage, { n: { type: 'string' } }, ['--n', '3,4']).ints('n', [1, 2, 3]))).toBe(2);
    expect(exitCode(() => parseCli('demo', usage, { n: { type: 'string' } }, ['--n', '3,0']).ints('n', [1, 2]))).toBe(2);
  });

  it('prints the usage and exits 0 for --help', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(exitCode(() => parseCli('demo', usage, flags, ['--help']))).toBe(0);
    expect(log).toHaveBeenCalledWith(usage);
    log.mockRestore();
  });
});
