import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/tokenize';
import { buildVocabulary, decode, encode } from '../src/vocabulary';
import { catchSync } from './helpers';

describe('buildVocabulary', () => {
  it('<unk>=0, </s>=1, then by frequency with ties by first appearance', () => {
    const v = buildVocabulary(tokenize('b a a\nc b a\nd'));
    expect(v.words).toEqual(['<unk>', '</s>', 'a', 'b', 'c', 'd']);
    expect(Array.from(v.counts)).toEqual([0, 3, 3, 2, 1, 1]);
    expect([v.unkId, v.eosId, v.size]).toEqual([0, 1, 6]);
    expect(v.idOf('b')).toBe(3);
    expect(v.idOf('zebra')).toBe(v.unkId);
    expect(v.wordOf(2)).toBe('a');
    expect(catchSync(() => v.wordOf(6)).field).toBe('id');
  });

  it('PTB <unk> tokens share the unk id; minCount and maxSize fold words into <unk>', () => {
    const tokens = tokenize('the <unk> cat\nthe dog <unk>\nthe cat');
    const v = buildVocabulary(tokens, { minCount: 2 });
    expect(v.words).toEqual(['<unk>', '</s>', 'the', 'cat']);
    expect(v.counts[0]).toBe(3); // two <unk> in the text + 'dog'
    expect(v.idOf('<unk>')).toBe(0);
    const small = buildVocabulary(tokens, { maxSize: 3 });
    expect(small.words).toEqual(['<unk>', '</s>', 'the']);
    expect(Array.from(small.counts).reduce((s, c) => s + c, 0)).toBe(tokens.length);
    expect(catchSync(() => buildVocabulary(tokens, { maxSize: 1 })).field).toBe('maxSize');
  });

  it('encode and decode round-trip known words', () => {
    const v = buildVocabulary(tokenize('a b\n'));
    const ids = encode(['a', 'zebra', '</s>'], v);
    expect(ids).toBeInstanceOf(Int32Array);
    expect(Array.from(ids)).toEqual([2, 0, 1]);
    expect(decode(ids, v)).toEqual(['a', '<unk>', '</s>']);
  });
});
