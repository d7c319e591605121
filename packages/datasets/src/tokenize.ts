/**
 * Whitespace tokenisation as in the Penn Treebank language-modelling files (Mikolov et al. 2010):
 * each line is split on runs of whitespace, and a sentence-end token follows each non-empty line.
 *
 * @example
 * `options.eos`: token appended after each non-empty line (default `'</s>'`), or `false` for none.
 *
 * ```ts
 * tokenize(' the cat sat \n\n on the mat\n'); // ['the', 'cat', 'sat', '</s>', 'on', 'the', 'mat', '</s>']
 * tokenize('a b\nc', { eos: false });      // ['a', 'b', 'c']
 * ```
 */
export function tokenize(text: string, options: { eos?: string | false } = {}): string[] {
  const eos = options.eos ?? '</s>';
  const out: string[] = [];
  for (const line of text.split(/\r?\n|\r/)) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    for (const word of trimmed.split(/\s+/)) out.push(word);
    if (eos !== false) out.push(eos);
  }
  return out;
}
