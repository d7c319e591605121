import { describe as suite, expect, it } from 'vitest';
import { DlkitError, composeMessage, describe } from '../src/index';

suite('DlkitError', () => {
  it('composes file, argument, expected, received and hint into one message', () => {
    const e = new DlkitError({
      file: 'out/a.json',
      argument: 'weightsManifest[0].paths[0]',
      expected: 'a file inside out',
      received: '../x.bin',
      hint: 'Save the model again',
    });
    expect(e.message).toBe(
      'out/a.json: weightsManifest[0].paths[0]: expected a file inside out, received "../x.bin". Save the model again',
    );
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('DlkitError');
    expect([e.file, e.argument, e.received, e.expected, e.hint]).toEqual([
      'out/a.json',
      'weightsManifest[0].paths[0]',
      '../x.bin',
      'a file inside out',
      'Save the model again',
    ]);
  });

  it('keeps a subclass recognisable and its cause', () => {
    class ModelsError extends DlkitError {
      override name = 'ModelsError';
    }
    const cause = new RangeError('offset out of bounds');
    const e = new ModelsError({ code: 'TRUNCATED', file: 'w.bin', expected: '4096 bytes', received: 100, cause });
    expect(e).toBeInstanceOf(ModelsError);
    expect(e).toBeInstanceOf(DlkitError);
    expect(e.name).toBe('ModelsError');
    expect(e.code).toBe('TRUNCATED');
    expect(e.cause).toBe(cause);
    expect(e.message).toBe('w.bin: expected 4096 bytes, received 100');
  });

  it('leaves out what is not set, and takes an explicit message', () => {
    expect(composeMessage({ argument: 'x' })).toBe('x');
    expect(composeMessage({ hint: 'call initBackend() first' })).toBe('call initBackend() first');
    expect(composeMessage({ received: undefined, expected: 'a number' })).toBe('expected a number, received undefined');
    expect(new DlkitError({ message: 'plain', argument: 'a' }).message).toBe('plain');
  });
});

suite('describe', () => {
  it('prints values short and bounded', () => {
    expect(describe('x'.repeat(100))).toHaveLength(82);
    expect(describe(new Float32Array(784))).toBe('Float32Array(784)');
    expect(describe([1, 2, 3])).toBe('[1, 2, 3]');
    expect(describe(new Array(100).fill(0))).toBe('an array of length 100');
    expect(describe(12n)).toBe('12n');
    expect(describe(Number.NaN)).toBe('NaN');
    expect(describe({ a: 1 })).toBe('{"a":1}');
    expect(describe(() => 1)).toBe('a function');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describe(cyclic)).toBe('[object Object]');
  });
});
