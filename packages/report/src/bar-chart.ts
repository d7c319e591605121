import { check, finiteValues, positiveNumber, ReportError, text } from './errors';
import { escapeXml } from './escape';
import { INK, seriesColor } from './palette';
import { formatNumber, niceTicks } from './scale';
import { FONT, isColor, px, svgOpen, textEl, titleBlock } from './svg';
import { fitText, textWidth } from './text-width';
import { valueFormatter, type ValueFormat } from './value-format';

/** One bar of a {@link barChart}. */
export interface Bar {
  label: string;
  /** A finite, non-negative value. */
  value: number;
  /** CSS colour. Default: the palette's first colour (blue). */
  color?: string;
}

/** Options of {@link barChart}. */
export interface BarChartOptions {
  title: string;
  bars: readonly Bar[];
  /** How values are printed at the end of each bar (the axis shows plain numbers, or percentages). Default `'number'`. */
  format?: ValueFormat;
  /** The value at the right end of the axis. Default: the largest value (1 for `format: 'percent'`). */
  max?: number;
  /** Caption under the axis. */
  xLabel?: string;
  /** Picture width in pixels. Default 560; the height follows from the number of bars. */
  width?: number;
}

const ROW = 26;

/**
 * A horizontal bar chart as a standalone SVG string, one bar per label with its value printed at the end:
 * timing by phase, test accuracy by method.
 *
 * @example
 * ```ts
 * barChart({ title: 'Timing', format: 'seconds', bars: [{ label: 'load data', value: 0.8 }, { label: 'train', value: 140 }] });
 * barChart({ title: 'Test accuracy', format: 'percent', bars: [{ label: 'softmax', value: 0.91 }, { label: 'SVM fc1', value: 0.93 }] });
 * ```
 * @throws {ReportError} `EMPTY` without bars, `NOT_FINITE` for NaN/±Infinity, `BAD_ARGUMENT` for a negative value.
 */
export function barChart(options: BarChartOptions): string {
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { title, bars }');
  const title = text('options.title', options.title);
  check(Array.isArray(options.bars), 'options.bars', options.bars, 'an array of { label, value }');
  if (options.bars.length === 0) throw new ReportError('EMPTY', 'options.bars', options.bars, 'at least one bar');
  const width = positiveNumber('options.width', options.width, 560);
  const fmt = valueFormatter('options.format', options.format);
  const values = finiteValues(
    'options.bars[].value',
    options.bars.map((b) => b?.value),
  );
  const labels = options.bars.map((b, i) => text(`options.bars[${i}].label`, b.label));
  values.forEach((v, i) => check(v >= 0, `options.bars[${i}].value`, v, 'a non-negative number'));
  const colors = options.bars.map((b, i) => {
    const c = b.color ?? seriesColor(0);
    check(isColor(c), `options.bars[${i}].color`, b.color, 'a CSS colour');
    return c;
  });
  const dataMax = Math.max(...values);
  const max =
    options.max !== undefined
      ? positiveNumber('options.max', options.max, 1)
      : options.format === 'percent'
        ? Math.max(1, dataMax)
        : dataMax > 0
          ? dataMax
          : 1;
  const head = titleBlock(title, width);
  const labelW = Math.min(width * 0.35, Math.max(...labels.map((l) => textWidth(l, FONT.label))) + 4);
  const valueW = Math.max(...values.map((v) => textWidth(fmt(v), FONT.label))) + 10;
  const left = 10 + labelW + 8;
  const span = Math.max(40, width - left - valueW - 12);
  const top = head.height + 6;
  const n = values.length;
  const axisY = top + n * ROW + 4;
  const height = axisY + 20 + (options.xLabel ? 18 : 0);
  const x = (v: number) => left + (Math.min(v, max) / max) * span;
  const parts = [svgOpen(width, height, title, 'chart bar-chart'), head.svg];
  const ticks = niceTicks(0, max, 4).filter((t) => t <= max * (1 + 1e-9));
  parts.push(
    `<g class="x-axis">${ticks.map((t) => `<line x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(top - 2)}" y2="${px(axisY)}" stroke="${INK.grid}"/>${textEl(x(t), axisY + 14, options.format === 'percent' ? `${+(t * 100).toFixed(1)}%` : formatNumber(t), { anchor: 'middle', size: FONT.small })}`).join('')}</g>`,
  );
  parts.push('<g class="bars">');
  for (let i = 0; i < n; i++) {
    const y = top + i * ROW;
    const bw = Math.max(1, x(values[i]) - left);
    parts.push(
      `<g class="bar"><title>${escapeXml(`${labels[i]}: ${fmt(values[i])}`)}</title>` +
        textEl(left - 8, y + 17, fitText(labels[i], FONT.label, labelW), { size: FONT.label, anchor: 'end' }) +
        `<rect x="${px(left)}" y="${px(y + 4)}" width="${px(bw)}" height="${ROW - 8}" fill="${colors[i]}"/>` +
        textEl(left + bw + 6, y + 17, fmt(values[i]), { size: FONT.label }) +
        '</g>',
    );
  }
  parts.push('</g>');
  parts.push(`<line x1="${px(left)}" x2="${px(left)}" y1="${px(top - 2)}" y2="${px(axisY)}" stroke="${INK.axis}"/>`);
  if (options.xLabel)
    parts.push(textEl(left + span / 2, height - 6, options.xLabel, { size: FONT.label, anchor: 'middle', cls: 'x-label' }));
  parts.push('</svg>');
  return parts.join('');
}
