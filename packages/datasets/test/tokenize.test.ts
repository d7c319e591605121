import { describe, expect, it } from 'vitest';
import { tokenize } from '../src/tokenize';

describe('tokenize', () => {
  it('splits on whitespace and ends each non-empty line with </s>', () => {
    expect(tokenize(' the cat  sat \n\n\ton the\tmat\r\n')).toEqual(['the', 'cat', 'sat', '</s>', 'on', 'the', 'mat', '</s>']);
    expect(tokenize('last line without newline')).toEqual(['last', 'line', 'without', 'newline', '</s>']);
  });

  it('custom or no end-of-sentence token', () => {
    expect(tokenize('a b\nc', { eos: false })).toEqual(['a', 'b', 'c']);
    expect(tokenize('a\nb', { eos: '<eos>' })).toEqual(['a', '<eos>', 'b', '<eos>']);
    expect(tokenize('')).toEqual([]);
  });
});
