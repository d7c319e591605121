/** Sentences "1 2 3 4 </s>" and "5 6 7 </s>" (`</s>` = 0) in a seeded pseudo-random order, cut to `n` tokens. */
export function twoSentences(n: number, seed: number): Int32Array {
  const out: number[] = [];
  let s = seed;
  while (out.length < n) {
    s = (s * 1103515245 + 12345) >>> 0;
    out.push(...(s & 0x10000 ? [1, 2, 3, 4, 0] : [5, 6, 7, 0]));
  }
  return Int32Array.from(out.slice(0, n));
}
