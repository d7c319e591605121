// Advance widths (per 1000 em) of DejaVu Sans, the font the PNG renderer bundles, for ASCII 32–126, read
// from the font's hmtx table. Browsers draw with their own sans-serif, which is narrower: text measured
// with these widths fits there too.
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636, 636, 636, 636, 636,
  636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787,
  695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278,
  579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
];
const WIDE = new Set(['—', '…', '→', '←', '×', '−', '±', '≤', '≥']);
// DejaVu Sans Bold is about 10 % wider on average.
const BOLD_FACTOR = 1.1;

/**
 * The width in pixels of `s` drawn at `fontSize` (DejaVu Sans metrics; non-ASCII characters estimated).
 *
 * @example
 * ```ts
 * textWidth('accuracy', 12); // ≈ 57
 * ```
 */
export function textWidth(s: string, fontSize: number, bold = false): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (c >= 32 && c < 127) w += REGULAR[c - 32];
    else if (WIDE.has(ch)) w += 838;
    else if (c >= 0x2e80)
      w += 1000; // CJK and other full-width scripts
    else w += 640;
  }
  return (w / 1000) * fontSize * (bold ? BOLD_FACTOR : 1);
}

/** Cuts `s` with an ellipsis so it is at most `maxWidth` pixels wide. @internal */
export function fitText(s: string, fontSize: number, maxWidth: number, bold = false): string {
  if (textWidth(s, fontSize, bold) <= maxWidth) return s;
  const chars = [...s];
  while (chars.length > 0 && textWidth(chars.join('') + '…', fontSize, bold) > maxWidth) chars.pop();
  return chars.length === 0 ? '' : chars.join('') + '…';
}
