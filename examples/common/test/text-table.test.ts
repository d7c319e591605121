import { describe, expect, it } from 'vitest';
import { pct, secs, textTable } from '../src/text-table';

describe('textTable', () => {
  it('left-aligns the label columns, right-aligns numbers, and rules the header', () => {
    expect(
      textTable(
        ['method', 'acc'],
        [
          ['softmax', '61.2 %'],
          ['svm', '9.0 %'],
        ],
      ),
    ).toBe(['method      acc', '-------  ------', 'softmax  61.2 %', 'svm       9.0 %'].join('\n'));
  });

  it('keeps a free-text last column left-aligned when asked', () => {
    const t = textTable(
      ['a', 'n', 'note'],
      [
        ['x', '1', 'long note'],
        ['y', '22', 'n'],
      ],
      1,
      true,
    );
    expect(t.split('\n')[3]).toBe('y  22  n');
  });

  it('formats fractions as percentages and seconds by size', () => {
    expect(pct(0.6123)).toBe('61.2 %');
    expect(pct(1, 0)).toBe('100 %');
    expect(secs(3.14159)).toBe('3.14');
    expect(secs(31.4159)).toBe('31.4');
  });
});
