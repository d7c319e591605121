import { DlkitError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { KneserNeyLm, RnnLm, RnnlmError } from '../src/index';

describe('RnnlmError', () => {
  it('names the field, what was received and what was expected', () => {
    try {
      new RnnLm({ vocabSize: 0, hiddenSize: 10 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RnnlmError);
      expect(e).toBeInstanceOf(DlkitError);
      expect((e as RnnlmError).name).toBe('RnnlmError');
      expect((e as RnnlmError).argument).toBe('vocabSize');
      const err = e as RnnlmError;
      expect(err.field).toBe('vocabSize');
      expect(err.received).toBe('0');
      expect(err.expected).toBe('an integer >= 2');
      expect(err.message).toBe('vocabSize: expected an integer >= 2, received 0');
    }
  });
  it('describes typed arrays and out-of-range token ids', () => {
    expect(() => KneserNeyLm.train(Int32Array.of(0, 9), 4)).toThrow('tokens[1]: expected a token id in [0, 4), received 9');
    expect(() => new RnnLm({ vocabSize: 4, hiddenSize: 2, counts: new Uint32Array(3) })).toThrow(/received Uint32Array\(3\)/);
  });
});
