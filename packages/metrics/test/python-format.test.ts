import { describe, expect, it } from 'vitest';
import { padLeft, pyFixed, pyFormatG, pyRepr } from '../src/python-format';
import { fixture } from './helpers';

const fx = fixture<{ cases: Array<{ value: number; repr: string; fixed: string[]; g: string[] }> }>('format.json');

describe('python-format', () => {
  it(`formats ${fx.cases.length} values exactly like Python ({:.Nf}, repr, {:.Ng})`, () => {
    for (const c of fx.cases) {
      expect(pyRepr(c.value), `repr(${c.repr})`).toBe(c.repr);
      c.fixed.forEach((s, d) => expect(pyFixed(c.value, d), `${c.repr} .${d}f`).toBe(s));
      c.g.forEach((s, p) => expect(pyFormatG(c.value, p + 1), `${c.repr} .${p + 1}g`).toBe(s));
    }
  });
  it('rounds exact ties to even, unlike toFixed', () => {
    expect(pyFixed(0.125, 2)).toBe('0.12');
    expect((0.125).toFixed(2)).toBe('0.13');
    expect(pyFixed(0.375, 2)).toBe('0.38');
    expect(padLeft('ab', 4)).toBe('  ab');
  });
});
