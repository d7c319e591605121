import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { md5 } from '../src/md5';
import { bytes } from './http-server';

const text = (s: string) => new TextEncoder().encode(s);

describe('md5', () => {
  it('matches the RFC 1321 test suite (appendix A.5)', () => {
    const suite: [string, string][] = [
      ['', 'd41d8cd98f00b204e9800998ecf8427e'],
      ['a', '0cc175b9c0f1b6a831c399e269772661'],
      ['abc', '900150983cd24fb0d6963f7d28e17f72'],
      ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
      ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
      ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
      ['12345678901234567890123456789012345678901234567890123456789012345678901234567890', '57edf4a22be3c955ac49da2e2107b67a'],
    ];
    for (const [input, digest] of suite) expect(md5(text(input)), JSON.stringify(input)).toBe(digest);
  });

  it('agrees with node:crypto on random inputs of every length around the 64-byte block and padding edges', () => {
    const lengths = [...Array.from({ length: 140 }, (_, i) => i), 511, 512, 513, 1000, 4095, 4096, 65_537, 300_001];
    for (const [i, n] of lengths.entries()) {
      const b = bytes(n, 1000 + i);
      expect(md5(b), `length ${n}`).toBe(createHash('md5').update(b).digest('hex'));
    }
  });

  it('hashes a view at an offset of a larger buffer by its own bytes only', () => {
    const all = bytes(1000, 7);
    const view = all.subarray(100, 300);
    expect(md5(view)).toBe(createHash('md5').update(view).digest('hex'));
  });
});
