import { escapeXml } from './escape';
import { INK } from './palette';
import { textWidth } from './text-width';

/** The font stack of every picture: the system's sans-serif in a browser, DejaVu Sans in PNGs. @internal */
export const FONT_FAMILY = 'system-ui, sans-serif';
/** Font sizes shared by every picture. @internal */
export const FONT = { title: 14, label: 12, tick: 11, small: 10 } as const;

/** A coordinate with one decimal, as SVG text. @internal */
export function px(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Opens a standalone `<svg>` with a white background; close it with `</svg>`. @internal */
export function svgOpen(width: number, height: number, title: string, cls: string): string {
  const w = px(width);
  const h = px(height);
  return (
    `<svg class="${cls}" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(title)}" font-family="${FONT_FAMILY}" fill="${INK.text}">` +
    `<title>${escapeXml(title)}</title><rect width="${w}" height="${h}" fill="${INK.background}"/>`
  );
}

/** Options of {@link textEl}. @internal */
export interface TextOptions {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  fill?: string;
  /** Rotation in degrees about (x, y). */
  rotate?: number;
  cls?: string;
}

/** A `<text>` element; `s` is escaped. `y` is the baseline. @internal */
export function textEl(x: number, y: number, s: string, o: TextOptions = {}): string {
  const attrs = [`x="${px(x)}"`, `y="${px(y)}"`];
  if (o.cls) attrs.push(`class="${o.cls}"`);
  if (o.anchor && o.anchor !== 'start') attrs.push(`text-anchor="${o.anchor}"`);
  attrs.push(`font-size="${o.size ?? FONT.tick}"`);
  if (o.bold) attrs.push('font-weight="bold"');
  if (o.fill) attrs.push(`fill="${o.fill}"`);
  if (o.rotate) attrs.push(`transform="rotate(${o.rotate} ${px(x)} ${px(y)})"`);
  return `<text ${attrs.join(' ')}>${escapeXml(s)}</text>`;
}

/** Splits `s` at spaces into lines no wider than `maxWidth` (a single word wider than that stays whole). @internal */
export function wrapText(s: string, size: number, maxWidth: number, bold = false): string[] {
  const words = s.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line ? `${line} ${w}` : w;
    if (line && textWidth(next, size, bold) > maxWidth) {
      lines.push(line);
      line = w;
    } else line = next;
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}

/** The title block: wrapped to `width − 16`, centred, bold. Returns its markup and its height. @internal */
export function titleBlock(title: string, width: number): { svg: string; height: number } {
  if (!title) return { svg: '', height: 8 };
  const lines = wrapText(title, FONT.title, width - 16, true);
  const lh = FONT.title + 4;
  const svg = lines
    .map((l, i) => textEl(width / 2, 20 + i * lh, l, { size: FONT.title, anchor: 'middle', bold: true, cls: 'title' }))
    .join('');
  return { svg, height: 12 + lines.length * lh };
}

/** Anything that can go through `checkColor`: CSS hex, rgb()/rgba()/hsl() or a colour name. @internal */
export function isColor(c: unknown): c is string {
  return typeof c === 'string' && /^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([0-9.,%\s]+\)|[a-zA-Z]{3,20})$/.test(c);
}
