import { FONT, px, textEl } from './svg';
import { escapeXml } from './escape';
import { fitText, textWidth } from './text-width';

/** One legend entry. @internal */
export interface LegendItem {
  name: string;
  color: string;
  /** Line swatch (dashed or not) or a filled square. */
  kind: 'line' | 'dashed' | 'square' | 'dot';
}

const SWATCH = 18;
const GAP = 16;
const ROW = 16;

function swatch(item: LegendItem, x: number, y: number): string {
  if (item.kind === 'square') return `<rect x="${px(x + 4)}" y="${px(y - 9)}" width="10" height="10" fill="${item.color}"/>`;
  if (item.kind === 'dot') return `<circle cx="${px(x + 9)}" cy="${px(y - 4)}" r="4" fill="${item.color}"/>`;
  return `<line x1="${px(x)}" x2="${px(x + SWATCH)}" y1="${px(y - 4)}" y2="${px(y - 4)}" stroke="${item.color}" stroke-width="2"${item.kind === 'dashed' ? ' stroke-dasharray="6 4"' : ''}/>`;
}

/**
 * A legend in rows across `width` pixels starting at (x, y): entries flow left to right and wrap, names
 * longer than the row are cut with an ellipsis (the full name stays in a tooltip). @internal
 */
export function legendRows(items: readonly LegendItem[], x: number, y: number, width: number): { svg: string; height: number } {
  if (items.length === 0) return { svg: '', height: 0 };
  const parts: string[] = [];
  let cx = 0;
  let row = 0;
  for (const item of items) {
    const name = fitText(item.name, FONT.tick, width - SWATCH - 4);
    const w = SWATCH + 4 + textWidth(name, FONT.tick);
    if (cx > 0 && cx + w > width) {
      cx = 0;
      row++;
    }
    const yy = y + 11 + row * ROW;
    parts.push(
      `<g class="legend-item"><title>${escapeXml(item.name)}</title>${swatch(item, x + cx, yy)}${textEl(x + cx + SWATCH + 4, yy, name, { size: FONT.tick })}</g>`,
    );
    cx += w + GAP;
  }
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: (row + 1) * ROW + 4 };
}

/** A legend as one column at (x, y), names cut to `width`. @internal */
export function legendColumn(
  items: readonly LegendItem[],
  x: number,
  y: number,
  width: number,
  rowHeight = 18,
  size: number = FONT.tick,
): { svg: string; height: number } {
  const parts = items.map((item, k) => {
    const yy = y + 12 + k * rowHeight;
    const name = fitText(item.name, size, width - SWATCH - 4);
    return `<g class="legend-item"><title>${escapeXml(item.name)}</title>${swatch(item, x, yy)}${textEl(x + SWATCH + 4, yy, name, { size })}</g>`;
  });
  return { svg: `<g class="legend">${parts.join('')}</g>`, height: items.length * rowHeight + 4 };
}

/** The width a one-column legend needs for `names` (capped at `max`). @internal */
export function legendColumnWidth(names: readonly string[], max: number, size: number = FONT.tick): number {
  return Math.min(max, SWATCH + 4 + Math.max(0, ...names.map((n) => textWidth(n, size))) + 8);
}
