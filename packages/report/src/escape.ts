// XML 1.0 forbids these code points even as character references; a picture with one is not well-formed.
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: XML's forbidden control characters are what it matches
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for SVG and HTML, in element content and in quoted attribute values alike: `& < > " '`
 * become entities, and characters XML does not allow at all (control characters, lone surrogates) are
 * replaced by U+FFFD, so the picture stays well-formed whatever a class name or title contains.
 *
 * @example
 * ```ts
 * escapeXml(`<script>alert("x")</script> & 'y'`);
 * // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;'
 * ```
 */
export function escapeXml(value: string): string {
  return String(value)
    .replace(FORBIDDEN, '\ufffd')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
