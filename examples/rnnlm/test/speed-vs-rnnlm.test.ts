import { describe, expect, it } from 'vitest';
import { rnnlmWordsPerSecond } from '../src/speed-vs-rnnlm';

describe('rnnlmWordsPerSecond', () => {
  it("takes the last figure of rnnlm's carriage-return progress lines", () => {
    const out =
      'Iter:   0\tAlpha: 0.100000\t   TRAIN entropy: 5.7371    Progress: 97.89%   Words/sec: 14772.5 \r' +
      'Iter:   0\tAlpha: 0.100000\t   TRAIN entropy: 5.7326    Words/sec: 14786.4   \nVALID entropy: 5.6701\n';
    expect(rnnlmWordsPerSecond(out)).toBe(14786.4);
  });

  it('refuses output without a speed, quoting its end', () => {
    expect(() => rnnlmWordsPerSecond('rnnlm: cannot open training file')).toThrow(/no "Words\/sec:".*cannot open training file/);
  });
});
