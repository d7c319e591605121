/** A small PTB-like corpus: sentences from a toy grammar, deterministic in `seed`. */
export function corpus(lines: number, seed: number): string {
  const subjects = ['the company', 'the bank', 'a trader', 'the market', 'investors', 'the government'];
  const verbs = ['said', 'expects', 'sold', 'bought', 'reported', 'raised'];
  const objects = ['shares', 'the stock', 'its stake', 'profits', 'N million', 'the bonds', 'a new plan'];
  let s = seed;
  const pick = <T>(xs: T[]): T => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return xs[(s >>> 8) % xs.length];
  };
  return Array.from(
    { length: lines },
    () => ` ${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(['', 'yesterday', 'in N', 'on friday'])} `,
  ).join('\n');
}
