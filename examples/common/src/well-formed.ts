/**
 * Checks that the pages and pictures the examples write are what a browser or an image viewer reads: markup that
 * is well-formed, PNGs whose chunks, CRCs and pixel data add up. Used by the examples' tests.
 */
import { crc32, inflateSync } from 'node:zlib';

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

/** What a PNG's header says, after every chunk's CRC and the pixel data's length have been checked. */
export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colourType: number;
  /** Chunk types in file order. */
  chunks: string[];
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Reads a PNG the way a decoder must: the signature, then chunks whose CRCs match up to IEND at the very end,
 * IHDR first; the zlib stream of the IDAT chunks inflates to exactly one filter byte plus one row of pixels per
 * row (non-interlaced images). Throws on the first violation.
 */
export function readPng(bytes: Uint8Array): PngInfo {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buf.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG signature');
  const chunks: string[] = [];
  const idat: Buffer[] = [];
  let header: Omit<PngInfo, 'chunks'> & { interlace: number } = { width: 0, height: 0, bitDepth: 0, colourType: 0, interlace: 0 };
  let at = 8;
  while (at < buf.length) {
    if (at + 12 > buf.length) throw new Error(`truncated chunk at byte ${at}`);
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const end = at + 8 + length;
    if (end + 4 > buf.length) throw new Error(`chunk ${type} runs past the end`);
    if (crc32(buf.subarray(at + 4, end)) !== buf.readUInt32BE(end)) throw new Error(`bad CRC in chunk ${type}`);
    const data = buf.subarray(at + 8, end);
    if (chunks.length === 0 && type !== 'IHDR') throw new Error(`first chunk is ${type}, not IHDR`);
    if (type === 'IHDR') {
      header = {
        width: data.readUInt32BE(0),
        height: data.readUInt32BE(4),
        bitDepth: data[8],
        colourType: data[9],
        interlace: data[12],
      };
    }
    if (type === 'IDAT') idat.push(data);
    chunks.push(type);
    at = end + 4;
    if (type === 'IEND' && at !== buf.length) throw new Error(`${buf.length - at} bytes after IEND`);
  }
  if (chunks[chunks.length - 1] !== 'IEND') throw new Error('no IEND chunk');
  const { interlace, ...info } = header;
  const channels = CHANNELS[info.colourType];
  if (channels === undefined) throw new Error(`colour type ${info.colourType} is not a PNG colour type`);
  const pixels = inflateSync(Buffer.concat(idat));
  if (interlace === 0) {
    const rowBytes = 1 + Math.ceil((info.width * channels * info.bitDepth) / 8);
    if (pixels.length !== info.height * rowBytes)
      throw new Error(`IDAT inflates to ${pixels.length} bytes, not ${info.height} rows of ${rowBytes}`);
  }
  return { ...info, chunks };
}
