import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { PNG } from 'pngjs';
import { checkData, checkInputShape, gatherRows, type LabeledData } from './data';
import { check, positiveInt } from './errors';
import { truncated } from './layer-output';
import type { Inputs } from './predict';
import { escapeXml } from './svg-chart';

/** The maps a layer produces for one input: `height × width × channels`, channels last. */
export interface FeatureMaps {
  layer: string;
  height: number;
  width: number;
  channels: number;
  /** `[height, width, channels]` values, row-major. */
  data: Float32Array;
}

/**
 * The feature maps after each named layer (e.g. every layer of a block: `['conv1', 'act1', 'pool1', 'norm1']`)
 * for one input sample (`index` into `inputs`). Layers with flat outputs give `1 × 1 × units` maps.
 *
 * @example
 * ```ts
 * const maps = featureMaps(model, ['conv1', 'pool1', 'norm1'], test, 0);
 * writeFileSync('conv1.png', featureMapsPng(maps[0]));
 * ```
 */
export function featureMaps(model: LayersModel, layerNames: readonly string[], inputs: Inputs, index = 0): FeatureMaps[] {
  check(Array.isArray(layerNames) && layerNames.length > 0, 'layerNames', layerNames, 'a non-empty array of layer names');
  const { n, size } = checkData('inputs', inputs as LabeledData, false);
  checkInputShape('inputs', model, inputs.shape);
  check(Number.isInteger(index) && index >= 0 && index < n, 'index', index, `a sample index in [0, ${n})`);
  const sub = truncated(model, layerNames, 'layerNames');
  const outs = tf.tidy(() => {
    const o = sub.apply(gatherRows(inputs as LabeledData, size, null, index, index + 1)) as tf.Tensor | tf.Tensor[];
    return Array.isArray(o) ? o : [o];
  });
  try {
    return outs.map((t, k) => {
      const s = t.shape.slice(1);
      const [height, width, channels] = s.length === 3 ? s : [1, 1, s.reduce((a, b) => a * b, 1)];
      return { layer: layerNames[k], height, width, channels, data: t.dataSync() as Float32Array };
    });
  } finally {
    tf.dispose(outs);
  }
}

/** Layout options of {@link featureMapsGrid}. */
export interface GridOptions {
  /** Maps per row. Default `ceil(sqrt(channels))`. */
  columns?: number;
  /** Pixels per map value. Default 2. */
  scale?: number;
  /** Gap between maps, pixels. Default 1. */
  gap?: number;
}

/** A grey-level image: `width × height` bytes. */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/**
 * Tiles the channels of `maps` into one grey-level image, each map min–max scaled to 0–255 on its own
 * (constant maps are mid-grey), separated by white gaps.
 *
 * @example
 * ```ts
 * const img = featureMapsGrid(maps[0], { columns: 8, scale: 3 });
 * ```
 */
export function featureMapsGrid(maps: FeatureMaps, options: GridOptions = {}): GrayImage {
  const cols = positiveInt('options.columns', options.columns ?? Math.ceil(Math.sqrt(maps.channels)));
  const scale = positiveInt('options.scale', options.scale ?? 2);
  const gap = options.gap ?? 1;
  check(Number.isInteger(gap) && gap >= 0, 'options.gap', gap, 'a non-negative integer');
  const rows = Math.ceil(maps.channels / cols);
  const tw = maps.width * scale;
  const th = maps.height * scale;
  const width = cols * tw + (cols + 1) * gap;
  const height = rows * th + (rows + 1) * gap;
  const pixels = new Uint8Array(width * height).fill(255);
  for (let c = 0; c < maps.channels; c++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < maps.height * maps.width; i++) {
      const v = maps.data[i * maps.channels + c];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const range = hi - lo;
    const ox = gap + (c % cols) * (tw + gap);
    const oy = gap + Math.floor(c / cols) * (th + gap);
    for (let y = 0; y < maps.height; y++) {
      for (let x = 0; x < maps.width; x++) {
        const v = maps.data[(y * maps.width + x) * maps.channels + c];
        const g = range > 0 ? Math.round(((v - lo) / range) * 255) : 128;
        for (let dy = 0; dy < scale; dy++) pixels.fill(g, (oy + y * scale + dy) * width + ox + x * scale, (oy + y * scale + dy) * width + ox + (x + 1) * scale);
      }
    }
  }
  return { width, height, pixels };
}

/**
 * The channels of `maps` as a PNG grid (see {@link featureMapsGrid}), encoded with pngjs.
 *
 * @example
 * ```ts
 * writeFileSync('norm1.png', featureMapsPng(featureMaps(model, ['norm1'], test)[0]));
 * ```
 */
export function featureMapsPng(maps: FeatureMaps, options: GridOptions = {}): Uint8Array {
  const img = featureMapsGrid(maps, options);
  const png = new PNG({ width: img.width, height: img.height, colorType: 0, inputColorType: 0, bitDepth: 8 });
  png.data = Buffer.from(img.pixels);
  return new Uint8Array(PNG.sync.write(png, { colorType: 0, inputColorType: 0 }));
}

/**
 * An SVG showing the maps after several layers, one captioned PNG grid per layer stacked vertically
 * (images inlined as data URIs, so the SVG is self-contained).
 *
 * @example
 * ```ts
 * writeFileSync('block1.svg', featureMapsSvg(featureMaps(model, ['conv1', 'act1', 'pool1', 'norm1'], test)));
 * ```
 */
export function featureMapsSvg(all: readonly FeatureMaps[], options: GridOptions = {}): string {
  let y = 0;
  let width = 0;
  const parts: string[] = [];
  for (const maps of all) {
    const img = featureMapsGrid(maps, options);
    const uri = `data:image/png;base64,${Buffer.from(featureMapsPng(maps, options)).toString('base64')}`;
    parts.push(`<text x="0" y="${y + 14}" font-size="13" font-family="sans-serif">${escapeXml(`${maps.layer} — ${maps.channels} maps of ${maps.height}×${maps.width}`)}</text>`);
    parts.push(`<image x="0" y="${y + 20}" width="${img.width}" height="${img.height}" href="${uri}" style="image-rendering:pixelated"/>`);
    y += img.height + 30;
    width = Math.max(width, img.width, 320);
  }
  return `<svg class="feature-maps" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">${parts.join('')}</svg>`;
}
