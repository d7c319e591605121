/**
 * The one categorical palette of every dlkit picture: the Okabe–Ito colours first (distinguishable with the
 * common colour-vision deficiencies; yellow moved back because thin yellow lines vanish on white), then
 * Matplotlib's `tab10`/`tab20` colours that do not repeat them, for up to 20 classes. Series `k` and class
 * `k` get `CATEGORICAL[k % 20]`.
 */
export const CATEGORICAL: readonly string[] = [
  '#0072b2',
  '#d55e00',
  '#009e73',
  '#cc79a7',
  '#e69f00',
  '#56b4e9',
  '#000000',
  '#8c564b',
  '#bcbd22',
  '#17becf',
  '#d62728',
  '#9467bd',
  '#7f7f7f',
  '#f0e442',
  '#aec7e8',
  '#ffbb78',
  '#98df8a',
  '#ff9896',
  '#c5b0d5',
  '#c49c94',
];

/**
 * The colour of series or class `k` (wraps around {@link CATEGORICAL}).
 *
 * @example
 * ```ts
 * seriesColor(0); // '#0072b2'
 * ```
 */
export function seriesColor(k: number): string {
  const n = CATEGORICAL.length;
  return CATEGORICAL[((Math.floor(k) % n) + n) % n];
}

/** Ink and lines shared by every picture. */
export const INK = {
  text: '#222222',
  muted: '#666666',
  axis: '#444444',
  grid: '#e5e5e5',
  frame: '#dddddd',
  background: '#ffffff',
  /** Marks something chosen (the best setting, the baseline) next to blue series. */
  highlight: '#d55e00',
} as const;

/** The sequential colour maps of heatmaps. */
export type ColormapName = 'viridis' | 'blues';

// matplotlib's viridis (scikit-learn's ConfusionMatrixDisplay default), 11 stops.
const VIRIDIS: ReadonlyArray<readonly [number, number, number]> = [
  [68, 1, 84],
  [72, 36, 117],
  [65, 68, 135],
  [53, 95, 141],
  [42, 120, 142],
  [33, 145, 140],
  [34, 168, 132],
  [68, 191, 112],
  [122, 209, 81],
  [189, 223, 38],
  [253, 231, 37],
];
// Near-white to the palette's blue: for grids whose cells carry several lines of text.
const BLUES: ReadonlyArray<readonly [number, number, number]> = [
  [247, 251, 255],
  [0, 114, 178],
];

function hex(c: readonly number[]): string {
  return '#' + c.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
}

/**
 * The colour at `t` ∈ [0, 1] of a sequential map, as `#rrggbb` (values outside are clamped, NaN is 0).
 *
 * @example
 * ```ts
 * colormap('viridis', 0); // '#440154'
 * colormap('viridis', 1); // '#fde725'
 * ```
 */
export function colormap(name: ColormapName, t: number): string {
  const stops = name === 'blues' ? BLUES : VIRIDIS;
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  return hex(stops[i].map((v, k) => v + (stops[i + 1][k] - v) * f));
}

/** The text colour readable on `colormap(name, t)`: dark on light cells, light on dark ones. @internal */
export function inkOn(name: ColormapName, t: number): string {
  if (name === 'blues') return t > 0.55 ? '#ffffff' : INK.text;
  return t < 0.5 ? colormap('viridis', 1) : colormap('viridis', 0);
}

/** `#rrggbb` → [r, g, b]. @internal */
export function hexToRgb(color: string): [number, number, number] {
  const v = parseInt(color.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
