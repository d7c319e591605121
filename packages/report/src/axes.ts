import { INK } from './palette';
import { formatNumber, type Scale } from './scale';
import { FONT, px, textEl } from './svg';
import { textWidth } from './text-width';

/** The plot rectangle. @internal */
export interface PlotArea {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The widest tick label of `ticks`, in pixels. @internal */
export function tickLabelWidth(ticks: readonly number[], format: (v: number) => string = formatNumber): number {
  return Math.max(0, ...ticks.map((t) => textWidth(format(t), FONT.tick)));
}

/** The horizontal grid lines and labels of a y scale. @internal */
export function yAxis(scale: Scale, area: PlotArea, format: (v: number) => string = formatNumber): string {
  return `<g class="y-axis">${scale.ticks
    .map((t) => {
      const y = px(scale.map(t));
      return (
        `<line x1="${px(area.left)}" x2="${px(area.left + area.width)}" y1="${y}" y2="${y}" stroke="${INK.grid}"/>` +
        textEl(area.left - 6, scale.map(t) + 4, format(t), { anchor: 'end' })
      );
    })
    .join('')}</g>`;
}

/** The tick labels (and light vertical grid lines when `grid`) of an x scale, skipping labels that would overlap. @internal */
export function xAxis(
  scale: Scale,
  area: PlotArea,
  ticks: readonly number[] = scale.ticks,
  format: (v: number) => string = formatNumber,
  grid = false,
): string {
  const parts: string[] = [];
  let lastRight = -Infinity;
  for (const t of ticks) {
    const x = scale.map(t);
    const label = format(t);
    const w = textWidth(label, FONT.tick);
    if (grid)
      parts.push(
        `<line x1="${px(x)}" x2="${px(x)}" y1="${px(area.top)}" y2="${px(area.top + area.height)}" stroke="${INK.grid}"/>`,
      );
    if (x - w / 2 < lastRight + 6) continue;
    parts.push(
      `<line x1="${px(x)}" x2="${px(x)}" y1="${px(area.top + area.height)}" y2="${px(area.top + area.height + 4)}" stroke="${INK.axis}"/>`,
    );
    parts.push(textEl(x, area.top + area.height + 16, label, { anchor: 'middle' }));
    lastRight = x + w / 2;
  }
  return `<g class="x-axis">${parts.join('')}</g>`;
}

/** The frame around the plot and the axis titles. @internal */
export function frameAndLabels(
  area: PlotArea,
  totalHeight: number,
  xLabel: string | undefined,
  yLabel: string | undefined,
): string {
  const parts = [
    `<rect x="${px(area.left)}" y="${px(area.top)}" width="${px(area.width)}" height="${px(area.height)}" fill="none" stroke="${INK.axis}"/>`,
  ];
  if (xLabel)
    parts.push(
      textEl(area.left + area.width / 2, totalHeight - 8, xLabel, { size: FONT.label, anchor: 'middle', cls: 'x-label' }),
    );
  if (yLabel)
    parts.push(
      textEl(16, area.top + area.height / 2, yLabel, { size: FONT.label, anchor: 'middle', rotate: -90, cls: 'y-label' }),
    );
  return parts.join('');
}
