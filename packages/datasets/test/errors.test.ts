import { describe, expect, it } from 'vitest';
import { DlkitError } from '@dlkit/core';
import { DatasetError, check, loadingDataset } from '../src/errors';

describe('DatasetError', () => {
  it('names file, field, received and expected in message and properties', () => {
    const e = new DatasetError('Wrong IDX magic number', {
      code: 'BAD_FORMAT',
      file: '/data/x.idx',
      field: 'magic',
      received: '0x12345678',
      expected: '0x00000803',
      hint: 'gunzip it',
    });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DatasetError');
    expect(e.code).toBe('BAD_FORMAT');
    expect(e.file).toBe('/data/x.idx');
    expect(e.field).toBe('magic');
    expect(e.received).toBe('0x12345678');
    expect(e.expected).toBe('0x00000803');
    expect(e.message).toContain('file: /data/x.idx');
    expect(e.message).toContain('field: magic');
    expect(e.message).toContain('received: "0x12345678"');
    expect(e.message).toContain('expected: 0x00000803');
    expect(e.message).toContain('hint: gunzip it');
  });

  it('is a DlkitError carrying the same facts under the shared names', () => {
    const cause = new Error('EACCES');
    const e = new DatasetError('File unreadable', {
      code: 'UNREADABLE',
      file: 'a.bin',
      field: 'data',
      received: 'EACCES',
      expected: 'a readable file',
      cause,
    });
    expect(e).toBeInstanceOf(DlkitError);
    expect(e).toBeInstanceOf(DatasetError);
    expect(e.name).toBe('DatasetError');
    expect(e.argument).toBe('data');
    expect(e.field).toBe('data');
    expect(e.cause).toBe(cause);
    expect(e.hint).toBeUndefined();
    expect(new DlkitError({ file: 'x' })).not.toBeInstanceOf(DatasetError);
  });

  it('names the dataset whose loader failed: given at construction, or by loadingDataset unless already named', async () => {
    expect(new DatasetError('x', { code: 'NOT_FOUND', dataset: 'ptb' }).dataset).toBe('ptb');
    expect(new DatasetError('x', { code: 'NOT_FOUND' }).dataset).toBeUndefined();
    const plain = new DatasetError('Wrong IDX magic number', { code: 'BAD_FORMAT', file: 'a.idx' });
    await expect(loadingDataset('fashion-mnist', () => Promise.reject(plain))).rejects.toBe(plain);
    expect(plain.dataset).toBe('fashion-mnist');
    expect(plain.message).not.toContain('fashion'); // the message is the error's own, unchanged
    // The innermost loader's name stands: loadCifar10 reading an image tree through loadCifar10Images.
    const inner = new DatasetError('x', { code: 'NOT_FOUND', dataset: 'cifar10' });
    await expect(loadingDataset('image-folder', () => Promise.reject(inner))).rejects.toMatchObject({ dataset: 'cifar10' });
    // Anything else passes through untouched; a result is returned as it is.
    const other = new Error('boom');
    await expect(loadingDataset('ptb', () => Promise.reject(other))).rejects.toBe(other);
    expect(other).not.toHaveProperty('dataset');
    await expect(loadingDataset('ptb', async () => 42)).resolves.toBe(42);
  });

  it('check() throws BAD_ARGUMENT naming the argument', () => {
    expect(() => check(false, 'batchSize', 0, 'a positive integer')).toThrowError(
      /batchSize[\s\S]*received: 0[\s\S]*a positive integer/,
    );
    expect(() => check(true, 'batchSize', 1, 'a positive integer')).not.toThrow();
  });
});
