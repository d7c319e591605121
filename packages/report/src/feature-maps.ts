import { check, finiteValues, isArrayLike, nonNegativeInt, positiveInt, ReportError, text } from './errors';
import { base64, encodePng, type RasterImage } from './png-encode';
import { FONT, px, svgOpen, textEl } from './svg';
import { fitText } from './text-width';

/** The maps one layer produced for one input: `height × width × channels` values. */
export interface FeatureMapsInput {
  /** Layer name, shown in the caption. */
  layer: string;
  height: number;
  width: number;
  channels: number;
  /** The values, `[height, width, channels]` row-major (channels last, tfjs' layout) unless `layout` says otherwise. */
  data: ArrayLike<number>;
  /** `'hwc'` (default, channels last) or `'chw'` (channels first, PyTorch's). */
  layout?: 'hwc' | 'chw';
}

/** Layout options of {@link featureMapGrid}. */
export interface FeatureMapGridOptions {
  /** Maps per row. Default `ceil(sqrt(channels))`. */
  columns?: number;
  /** Pixels per map value. Default 2. */
  scale?: number;
  /** White gap between maps, pixels. Default 1. */
  gap?: number;
}

function checkMaps(maps: FeatureMapsInput, at: string): Float64Array {
  check(typeof maps === 'object' && maps !== null, at, maps, 'an object { layer, height, width, channels, data }');
  text(`${at}.layer`, maps.layer);
  const h = positiveInt(`${at}.height`, maps.height);
  const w = positiveInt(`${at}.width`, maps.width);
  const c = positiveInt(`${at}.channels`, maps.channels);
  check(
    maps.layout === undefined || maps.layout === 'hwc' || maps.layout === 'chw',
    `${at}.layout`,
    maps.layout,
    "'hwc' or 'chw'",
  );
  check(isArrayLike(maps.data), `${at}.data`, maps.data, 'a typed array of height × width × channels values');
  if (maps.data.length !== h * w * c)
    throw new ReportError(
      'BAD_SHAPE',
      `${at}.data`,
      `${maps.data.length} values`,
      `height × width × channels = ${h} × ${w} × ${c} = ${h * w * c}`,
    );
  return finiteValues(`${at}.data`, maps.data);
}

/**
 * Tiles the channels of one layer's maps into a grey image, each map min–max scaled to 0–255 on its own
 * (a constant map is mid-grey), separated by white gaps.
 *
 * @example
 * ```ts
 * const img = featureMapGrid({ layer: 'conv1', height: 28, width: 28, channels: 32, data }, { columns: 8, scale: 3 });
 * ```
 * @throws {ReportError} `BAD_SHAPE` when `data` does not hold `height × width × channels` values, `NOT_FINITE` for NaN/±Infinity.
 */
export function featureMapGrid(maps: FeatureMapsInput, options: FeatureMapGridOptions = {}): RasterImage {
  const data = checkMaps(maps, 'maps');
  const { height: H, width: W, channels: C } = maps;
  const cols = options.columns === undefined ? Math.ceil(Math.sqrt(C)) : positiveInt('options.columns', options.columns);
  const scale = options.scale === undefined ? 2 : positiveInt('options.scale', options.scale);
  const gap = options.gap === undefined ? 1 : nonNegativeInt('options.gap', options.gap);
  const chw = maps.layout === 'chw';
  const at = (y: number, x: number, c: number) => (chw ? data[(c * H + y) * W + x] : data[(y * W + x) * C + c]);
  const rows = Math.ceil(C / cols);
  const tw = W * scale;
  const th = H * scale;
  const width = cols * tw + (cols + 1) * gap;
  const height = rows * th + (rows + 1) * gap;
  const pixels = new Uint8Array(width * height).fill(255);
  for (let c = 0; c < C; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const v = at(y, x, c);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    const range = hi - lo;
    const ox = gap + (c % cols) * (tw + gap);
    const oy = gap + Math.floor(c / cols) * (th + gap);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const g = range > 0 ? Math.round(((at(y, x, c) - lo) / range) * 255) : 128;
        for (let dy = 0; dy < scale; dy++) {
          const row = (oy + y * scale + dy) * width + ox + x * scale;
          pixels.fill(g, row, row + scale);
        }
      }
    }
  }
  return { width, height, channels: 1, pixels };
}

/**
 * One layer's maps as a PNG grid ({@link featureMapGrid} encoded by {@link encodePng}).
 *
 * @example
 * ```ts
 * writeFileSync('conv1.png', featureMapGridPng(maps));
 * ```
 */
export function featureMapGridPng(maps: FeatureMapsInput, options: FeatureMapGridOptions = {}): Uint8Array {
  return encodePng(featureMapGrid(maps, options));
}

/**
 * The maps after several layers as one SVG: per layer a caption (`conv1 — 32 maps of 28×28`) over its grid,
 * stacked vertically; the grids are PNG data URIs, so the SVG is self-contained.
 *
 * @example
 * ```ts
 * writeFileSync('block1.svg', featureMapsSvg([conv1Maps, pool1Maps, norm1Maps], { scale: 3 }));
 * ```
 * @throws {ReportError} `EMPTY` for no layers, and whatever {@link featureMapGrid} throws, naming the layer's index.
 */
export function featureMapsSvg(layers: readonly FeatureMapsInput[], options: FeatureMapGridOptions = {}): string {
  check(Array.isArray(layers), 'layers', layers, 'an array of feature maps, one per layer');
  if (layers.length === 0) throw new ReportError('EMPTY', 'layers', layers, 'at least one layer');
  const grids = layers.map((m, i) => {
    try {
      return featureMapGrid(m, options);
    } catch (e) {
      if (e instanceof ReportError && e.argument?.startsWith('maps'))
        throw new ReportError(e.code, e.argument.replace(/^maps/, `layers[${i}]`), e.received, e.expected ?? '', e.hint);
      throw e;
    }
  });
  const width = Math.max(320, ...grids.map((g) => g.width));
  const parts: string[] = [];
  let y = 0;
  layers.forEach((m, i) => {
    const g = grids[i];
    const caption = `${m.layer} — ${m.channels} map${m.channels === 1 ? '' : 's'} of ${m.height}×${m.width}`;
    parts.push(textEl(0, y + 14, fitText(caption, FONT.label + 1, width), { size: FONT.label + 1 }));
    parts.push(
      `<image x="0" y="${px(y + 20)}" width="${g.width}" height="${g.height}" href="data:image/png;base64,${base64(encodePng(g))}" style="image-rendering:pixelated"/>`,
    );
    y += g.height + 30;
  });
  const title = `Feature maps: ${layers.map((l) => l.layer).join(', ')}`;
  return svgOpen(width, y, title, 'chart feature-maps') + parts.join('') + '</svg>';
}
