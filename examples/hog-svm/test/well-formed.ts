/** HTML elements that have no closing tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** HTML elements whose content is raw text (CSS, scripts), not markup. */
const RAW = new Set(['style', 'script']);
const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[^\s=/>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'))?)*)\s*(\/?)>/y;
const ENTITY = /&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);/y;

/**
 * What keeps `text` from being well-formed markup: tags that are unbalanced or mis-nested, a `<` that starts no
 * tag, an `&` that starts no entity. XML by default; with `html`, the doctype, void elements (`<br>`) and raw-text
 * elements (`<style>`) are allowed. An empty list means well-formed.
 */
export function markupProblems(text: string, options: { html?: boolean } = {}): string[] {
  const html = options.html === true;
  const problems: string[] = [];
  const open: string[] = [];
  const skipTo = (from: number, end: string, what: string): number => {
    const at = text.indexOf(end, from);
    if (at < 0) {
      problems.push(`${what} at ${from} never ends`);
      return text.length;
    }
    return at + end.length;
  };
  let i = 0;
  while (i < text.length && problems.length < 5) {
    const c = text[i];
    if (c === '&') {
      ENTITY.lastIndex = i;
      if (!ENTITY.test(text)) problems.push(`stray & at ${i}: ${JSON.stringify(text.slice(i, i + 12))}`);
      i++;
      continue;
    }
    if (c !== '<') {
      i++;
      continue;
    }
    if (text.startsWith('<!--', i)) i = skipTo(i, '-->', 'comment');
    else if (text.startsWith('<![CDATA[', i)) i = skipTo(i, ']]>', 'CDATA');
    else if (text.startsWith('<?', i)) i = skipTo(i, '?>', 'processing instruction');
    else if (html && /^<!doctype html>/i.test(text.slice(i, i + 15))) i += 15;
    else {
      TAG.lastIndex = i;
      const m = TAG.exec(text);
      if (m === null) {
        problems.push(`< at ${i} starts no tag: ${JSON.stringify(text.slice(i, i + 20))}`);
        i++;
        continue;
      }
      const [whole, closing, rawName, , selfClosing] = m;
      const name = html ? rawName.toLowerCase() : rawName;
      i += whole.length;
      if (closing) {
        const top = open.pop();
        if (top !== name) problems.push(`</${name}> at ${i - whole.length} closes <${top ?? 'nothing'}>`);
      } else if (!selfClosing && !(html && VOID.has(name))) {
        if (html && RAW.has(name)) i = skipTo(i, `</${name}>`, `<${name}>`);
        else open.push(name);
      }
    }
  }
  if (open.length > 0) problems.push(`never closed: ${open.map((n) => `<${n}>`).join(' ')}`);
  return problems;
}
