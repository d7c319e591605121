import { check, isArrayLike, oneOf, positiveInt, positiveNumber, ReportError, text } from './errors';
import { escapeXml } from './escape';
import { colormap, INK, inkOn, type ColormapName } from './palette';
import { FONT, px, svgOpen, textEl, titleBlock } from './svg';
import { fitText, textWidth } from './text-width';
import { valueFormatter, type ValueFormat } from './value-format';

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  title: string;
  /** `rows × cols` values, row-major. `null` is an empty cell (a grid point that was not run). */
  values: ArrayLike<number | null>;
  rows: number;
  cols: number;
  /** One label per row / column. Default 0 … n−1. */
  rowLabels?: readonly string[];
  colLabels?: readonly string[];
  /** Caption of the row axis (left, rotated) and of the column axis (below). */
  rowTitle?: string;
  colTitle?: string;
  /**
   * Text in each cell, row-major: a string or several lines (the first drawn larger). Default: the value
   * printed with `format`. `[]` draws no text.
   */
  cellText?: ReadonlyArray<string | readonly string[]>;
  /** How values are printed in cells and on the colour bar. Default `'number'`. */
  format?: ValueFormat;
  /** Sequential colour map. Default `'viridis'` (scikit-learn's); `'blues'` suits cells with several lines of text. */
  colormap?: ColormapName;
  /** Draw the colour bar with its min and max. Default true. */
  colorbar?: boolean;
  /** Cell size in pixels. Default: square cells of 48 shrinking to fit 600 px (at least 14) for one-line cells, else wide enough for the text. */
  cellWidth?: number;
  cellHeight?: number;
}

/** The resolved geometry and colours, shared with {@link confusionMatrixChart}. @internal */
export interface HeatmapCells {
  values: Float64Array;
  empty: Uint8Array;
  min: number;
  max: number;
}

/** Validates `values` for a `rows × cols` grid: finite numbers or null. @internal */
export function heatmapValues(values: unknown, rows: number, cols: number, argument = 'options.values'): HeatmapCells {
  check(isArrayLike(values), argument, values, `an array or typed array of ${rows} × ${cols} numbers`);
  if (values.length !== rows * cols)
    throw new ReportError(
      'BAD_SHAPE',
      argument,
      `${values.length} values`,
      `rows × cols = ${rows} × ${cols} = ${rows * cols} values`,
    );
  const out = new Float64Array(values.length);
  const empty = new Uint8Array(values.length);
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k] as unknown;
    if (v === null) {
      empty[k] = 1;
      continue;
    }
    if (typeof v !== 'number') throw new ReportError('BAD_ARGUMENT', `${argument}[${k}]`, v, 'a number or null');
    if (!Number.isFinite(v))
      throw new ReportError(
        'NOT_FINITE',
        `${argument}[${k}] (row ${Math.floor(k / cols)}, column ${k % cols})`,
        v,
        'a finite number, or null for an empty cell',
      );
    out[k] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!(min <= max)) throw new ReportError('EMPTY', argument, 'only empty cells', 'at least one number');
  return { values: out, empty, min, max };
}

/** Checks labels: `n` strings, defaulting to 0 … n−1. @internal */
export function axisLabels(
  argument: string,
  labels: readonly string[] | undefined,
  n: number,
  per: 'row' | 'column' | 'class',
): string[] {
  if (labels === undefined) return Array.from({ length: n }, (_, i) => String(i));
  check(Array.isArray(labels), argument, labels, `an array of ${n} strings`);
  if (labels.length !== n) throw new ReportError('BAD_SHAPE', argument, `${labels.length} labels`, `one per ${per} (${n})`);
  labels.forEach((l, i) => text(`${argument}[${i}]`, l));
  return [...labels];
}

/** Everything {@link drawHeatmap} needs once values and texts are resolved. @internal */
export interface HeatmapDrawing {
  title: string;
  cls: string;
  rows: number;
  cols: number;
  cells: HeatmapCells;
  /** Colour position of cell k in [0, 1]. */
  shadeOf: (k: number) => number;
  lines: ReadonlyArray<readonly string[]>;
  tooltips: readonly string[];
  rowLabels: readonly string[];
  colLabels: readonly string[];
  rowTitle?: string;
  colTitle?: string;
  map: ColormapName;
  colorbar: { min: string; max: string } | null;
  cellWidth: number;
  cellHeight: number;
  fontSize: number;
}

/** Draws a resolved heatmap. @internal */
export function drawHeatmap(d: HeatmapDrawing): string {
  const { rows, cols, cellWidth: cw, cellHeight: ch, fontSize: font } = d;
  const gridW = cols * cw;
  const gridH = rows * ch;
  const labelW = Math.min(220, Math.max(...d.rowLabels.map((s) => textWidth(s, font))));
  const colLabelW = Math.max(...d.colLabels.map((s) => textWidth(s, font)));
  const rotate = colLabelW > cw - 4;
  const xLabelH = rotate ? Math.min(160, colLabelW) * 0.72 + font + 4 : font + 6;
  // Turned column labels reach down-left of their cell: the first must not leave the picture.
  const left = Math.ceil(
    Math.max((d.rowTitle ? font * 2 + 10 : 6) + labelW + 8, rotate ? Math.min(160, colLabelW) * 0.72 - cw / 2 + 6 : 0),
  );
  const barW = d.colorbar ? Math.max(10, Math.round(Math.min(cw, ch) * 0.4)) : 0;
  const barLabelW = d.colorbar ? Math.max(textWidth(d.colorbar.min, font), textWidth(d.colorbar.max, font)) + 8 : 0;
  const contentW = left + gridW + (d.colorbar ? 16 + barW + barLabelW : 12);
  const width = Math.ceil(Math.max(contentW, 200));
  const head = titleBlock(d.title, width);
  const top = Math.ceil(head.height + 6);
  const height = Math.ceil(top + gridH + xLabelH + (d.colTitle ? font * 2 + 6 : 8));
  const out: string[] = [svgOpen(width, height, d.title, d.cls), head.svg];
  out.push(`<g class="cells" font-size="${font}">`);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const k = i * cols + j;
      const x = left + j * cw;
      const y = top + i * ch;
      if (d.cells.empty[k]) {
        out.push(
          `<rect x="${px(x)}" y="${px(y)}" width="${px(cw - 1)}" height="${px(ch - 1)}" fill="#f4f4f4" stroke="${INK.frame}"><title>${escapeXml(d.tooltips[k])}</title></rect>`,
        );
        continue;
      }
      const t = d.shadeOf(k);
      const ink = inkOn(d.map, t);
      out.push(
        `<rect x="${px(x)}" y="${px(y)}" width="${px(cw)}" height="${px(ch)}" fill="${colormap(d.map, t)}"><title>${escapeXml(d.tooltips[k])}</title></rect>`,
      );
      const lines = d.lines[k] ?? [];
      const lh = font + 3;
      const y0 = y + ch / 2 - ((lines.length - 1) * lh) / 2 + font * 0.35;
      lines.forEach((line, l) => {
        const size = l === 0 ? font : Math.max(6, font - 2);
        out.push(textEl(x + cw / 2, y0 + l * lh, fitText(line, size, cw - 4), { anchor: 'middle', fill: ink, size }));
      });
    }
  }
  out.push('</g>');
  const rowTitleX = font + 2;
  out.push(
    `<g class="y-ticks">${d.rowLabels.map((s, i) => textEl(left - 6, top + i * ch + ch / 2 + font * 0.35, fitText(s, font, labelW), { anchor: 'end', size: font })).join('')}</g>`,
  );
  out.push(
    `<g class="x-ticks">${d.colLabels
      .map((s, j) => {
        const x = left + j * cw + cw / 2;
        const y = top + gridH + font + 4;
        return rotate
          ? textEl(x, y, fitText(s, font, 160), { anchor: 'end', size: font, rotate: -45 })
          : textEl(x, y, s, { anchor: 'middle', size: font });
      })
      .join('')}</g>`,
  );
  if (d.colTitle)
    out.push(
      textEl(left + gridW / 2, top + gridH + xLabelH + font + 6, fitText(d.colTitle, font, Math.max(gridW, 120)), {
        anchor: 'middle',
        size: font,
        cls: 'x-label',
      }),
    );
  if (d.rowTitle)
    out.push(
      textEl(rowTitleX + font * 0.4, top + gridH / 2, fitText(d.rowTitle, font, Math.max(gridH, 80)), {
        anchor: 'middle',
        size: font,
        rotate: -90,
        cls: 'y-label',
      }),
    );
  if (d.colorbar) {
    // Stacked bands rather than a gradient: no element id, so several pictures can share one HTML page.
    const barX = left + gridW + 16;
    const bands = 32;
    out.push(`<g class="colorbar" shape-rendering="crispEdges">`);
    for (let s = 0; s < bands; s++) {
      out.push(
        `<rect x="${px(barX)}" y="${px(top + gridH - ((s + 1) * gridH) / bands)}" width="${barW}" height="${px(gridH / bands + 0.5)}" fill="${colormap(d.map, (s + 0.5) / bands)}"/>`,
      );
    }
    out.push(`</g>`);
    out.push(textEl(barX + barW + 4, top + font * 0.8, d.colorbar.max, { size: font }));
    out.push(textEl(barX + barW + 4, top + gridH, d.colorbar.min, { size: font }));
  }
  out.push('</svg>');
  return out.join('');
}

/**
 * A labelled heatmap as a standalone SVG string: cell colour from the value (sequential map, lowest
 * lightest for `'blues'`, darkest for `'viridis'`), one or more lines of text per cell in the ink that reads
 * on its colour, row and column labels with captions, a colour bar. Grids of a sweep (accuracy over depth ×
 * width, with time and size in the cell), or any matrix. For confusion matrices use {@link confusionMatrixChart}.
 *
 * @example
 * ```ts
 * heatmap({ title: 'Test accuracy', rows: 2, cols: 2, values: [0.61, 0.64, 0.66, null],
 *   rowLabels: ['2', '4'], colLabels: ['0', '1'], rowTitle: 'conv', colTitle: 'hidden fc', format: 'percent' });
 * ```
 * @throws {ReportError} `BAD_SHAPE` when `values`, labels or `cellText` do not match `rows × cols`,
 *   `NOT_FINITE` for NaN/±Infinity, `EMPTY` when every cell is empty.
 */
export function heatmap(options: HeatmapOptions): string {
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { title, values, rows, cols }');
  const title = text('options.title', options.title);
  const rows = positiveInt('options.rows', options.rows);
  const cols = positiveInt('options.cols', options.cols);
  const cells = heatmapValues(options.values, rows, cols);
  const rowLabels = axisLabels('options.rowLabels', options.rowLabels, rows, 'row');
  const colLabels = axisLabels('options.colLabels', options.colLabels, cols, 'column');
  const map =
    options.colormap === undefined ? 'viridis' : oneOf('options.colormap', options.colormap, ['viridis', 'blues'] as const);
  const fmt = valueFormatter('options.format', options.format);
  let lines: string[][];
  if (options.cellText !== undefined) {
    check(
      Array.isArray(options.cellText),
      'options.cellText',
      options.cellText,
      'an array of strings or string arrays, one per cell',
    );
    if (options.cellText.length !== 0 && options.cellText.length !== rows * cols)
      throw new ReportError(
        'BAD_SHAPE',
        'options.cellText',
        `${options.cellText.length} entries`,
        `one per cell (${rows * cols}), or [] for none`,
      );
    lines = Array.from({ length: rows * cols }, (_, k) => {
      const c = options.cellText?.[k];
      if (c === undefined) return [];
      const arr = typeof c === 'string' ? [c] : [...c];
      arr.forEach((s, l) => text(`options.cellText[${k}][${l}]`, s));
      return arr;
    });
  } else {
    lines = Array.from(cells.values, (v, k) => (cells.empty[k] ? [] : [fmt(v)]));
  }
  const maxLines = Math.max(1, ...lines.map((l) => l.length));
  const textW = Math.max(0, ...lines.flat().map((s) => textWidth(s, FONT.label)));
  const square = maxLines === 1 && textW <= 40;
  const auto = square ? Math.max(14, Math.min(48, Math.floor(600 / Math.max(rows, cols)))) : 0;
  const cellWidth = positiveNumber('options.cellWidth', options.cellWidth, square ? auto : Math.max(48, Math.ceil(textW + 16)));
  const cellHeight = positiveNumber('options.cellHeight', options.cellHeight, square ? auto : 14 + maxLines * 15);
  const fontSize = square ? Math.max(7, Math.min(FONT.label, Math.round(Math.min(cellWidth, cellHeight) * 0.3))) : FONT.label;
  const span = cells.max - cells.min;
  return drawHeatmap({
    title,
    cls: 'chart heatmap',
    rows,
    cols,
    cells,
    shadeOf: (k) => (span > 0 ? (cells.values[k] - cells.min) / span : 0.5),
    lines,
    tooltips: Array.from(
      { length: rows * cols },
      (_, k) =>
        `${rowLabels[Math.floor(k / cols)]} × ${colLabels[k % cols]}: ${cells.empty[k] ? 'no value' : fmt(cells.values[k])}`,
    ),
    rowLabels,
    colLabels,
    rowTitle: options.rowTitle,
    colTitle: options.colTitle,
    map,
    colorbar: options.colorbar === false ? null : { min: fmt(cells.min), max: fmt(cells.max) },
    cellWidth,
    cellHeight,
    fontSize,
  });
}
