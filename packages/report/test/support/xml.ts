import { DOMParser, type Document, type Element } from '@xmldom/xmldom';

/** Parses `svg` as XML, failing on any error or (unless allowed) warning, so "well-formed" means what it says. */
export function parseSvg(svg: string, options: { allowWarnings?: boolean } = {}): Document {
  const doc = new DOMParser({
    onError: (level: string, message: string) => {
      if (level === 'warning' && options.allowWarnings) return;
      throw new Error(`not well-formed XML (${level}): ${message}`);
    },
  }).parseFromString(svg, 'image/svg+xml');
  const root = doc.documentElement;
  if (root?.tagName !== 'svg') throw new Error(`root element is ${root?.tagName}, not svg`);
  if (root.getAttribute('xmlns') !== 'http://www.w3.org/2000/svg') throw new Error('no SVG namespace');
  return doc;
}

/** All elements named `tag`. */
export function elements(doc: Document, tag: string): Element[] {
  return Array.from(doc.getElementsByTagName(tag) as unknown as ArrayLike<Element>);
}

/** The text content of every `<text>` element, in document order. */
export function texts(doc: Document): string[] {
  return elements(doc, 'text').map((e) => e.textContent ?? '');
}

/** Width and height attributes of the root. */
export function size(doc: Document): { width: number; height: number } {
  return {
    width: Number(doc.documentElement?.getAttribute('width')),
    height: Number(doc.documentElement?.getAttribute('height')),
  };
}
