import { DlkitError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { SvmBridgeError } from '../src/index';

describe('SvmBridgeError', () => {
  it('carries argument, received and expected', () => {
    const e = new SvmBridgeError('options.C', '-1', 'a positive number', 'Use C > 0');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(DlkitError);
    expect(e).toBeInstanceOf(SvmBridgeError);
    expect(e.hint).toBe('Use C > 0');
    expect(e.name).toBe('SvmBridgeError');
    expect([e.argument, e.received, e.expected]).toEqual(['options.C', '-1', 'a positive number']);
    expect(e.message).toBe('options.C: expected a positive number, received -1. Use C > 0');
  });

  it('names the file a bad value was read from, first, and keeps the cause', () => {
    const cause = new SyntaxError('Unexpected end of JSON input');
    const e = new SvmBridgeError('text', '"{"', 'JSON written by SVC.save()', undefined, { file: 'svc.json', cause });
    expect(e.file).toBe('svc.json');
    expect(e.cause).toBe(cause);
    expect(e.message).toBe('svc.json: text: expected JSON written by SVC.save(), received "{"');
  });
});
