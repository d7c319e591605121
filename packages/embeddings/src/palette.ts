/**
 * Categorical colours for class labels: Matplotlib's `tab10` followed by the lighter half of `tab20`,
 * then repeated. `classColor(c)` returns `#rrggbb`.
 *
 * @example
 * ```ts
 * classColor(0); // '#1f77b4'
 * ```
 */
export const CLASS_COLORS: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#aec7e8', '#ffbb78', '#98df8a', '#ff9896', '#c5b0d5', '#c49c94', '#f7b6d2', '#c7c7c7', '#dbdb8d', '#9edae5',
];

/**
 * Colour of class index `c` (wraps around {@link CLASS_COLORS}), as used by the scatter plots.
 *
 * @example
 * ```ts
 * classColor(1); // '#ff7f0e'
 * ```
 */
export function classColor(c: number): string {
  const n = CLASS_COLORS.length;
  return CLASS_COLORS[((Math.floor(c) % n) + n) % n];
}

/** `#rrggbb` → [r, g, b]. @internal */
export function hexToRgb(hex: string): [number, number, number] {
  const v = parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}
