import { SvmBridgeError, describe } from './errors';
import type { FeatureMatrix } from './matrix';

/** Options of {@link hog}; names and defaults as `skimage.feature.hog`. */
export interface HogOptions {
  /** Number of orientation bins over [0°, 180°). Default 9. */
  orientations?: number;
  /** Cell size in pixels, `[rows, cols]`. Default `[8, 8]`. */
  pixelsPerCell?: readonly [number, number];
  /** Block size in cells, `[rows, cols]`. Default `[3, 3]`. */
  cellsPerBlock?: readonly [number, number];
  /** Block normalisation. Default `'L2-Hys'`. */
  blockNorm?: 'L1' | 'L1-sqrt' | 'L2' | 'L2-Hys';
  /** Take the square root of the image before computing gradients (gamma compression). Default false. */
  transformSqrt?: boolean;
}

/** Pixel data accepted by {@link hog}: one grayscale image, row-major. */
export type GrayImageData = Float32Array | Float64Array | Uint8Array | Uint8ClampedArray;

interface Geometry {
  orientations: number;
  cr: number;
  cc: number;
  br: number;
  bc: number;
  nCellsR: number;
  nCellsC: number;
  nBlocksR: number;
  nBlocksC: number;
  length: number;
  norm: NonNullable<HogOptions['blockNorm']>;
  sqrt: boolean;
}

const NORMS = ['L1', 'L1-sqrt', 'L2', 'L2-Hys'] as const;

function geometry(height: number, width: number, o: HogOptions): Geometry {
  const int = (name: string, v: unknown) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new SvmBridgeError(name, describe(v), 'a positive integer');
    return v;
  };
  int('height', height);
  int('width', width);
  const orientations = int('options.orientations', o.orientations ?? 9);
  const [cr, cc] = o.pixelsPerCell ?? [8, 8];
  const [br, bc] = o.cellsPerBlock ?? [3, 3];
  int('options.pixelsPerCell[0]', cr);
  int('options.pixelsPerCell[1]', cc);
  int('options.cellsPerBlock[0]', br);
  int('options.cellsPerBlock[1]', bc);
  const norm = o.blockNorm ?? 'L2-Hys';
  if (!NORMS.includes(norm)) throw new SvmBridgeError('options.blockNorm', describe(norm), `one of ${NORMS.join(', ')}`);
  const nCellsR = Math.floor(height / cr);
  const nCellsC = Math.floor(width / cc);
  const nBlocksR = nCellsR - br + 1;
  const nBlocksC = nCellsC - bc + 1;
  if (nBlocksR < 1 || nBlocksC < 1) {
    throw new SvmBridgeError(
      'options.cellsPerBlock',
      `[${br}, ${bc}] blocks on a ${nCellsR}×${nCellsC} cell grid`,
      'blocks no larger than the cell grid (image size / pixelsPerCell)',
    );
  }
  return {
    orientations,
    cr,
    cc,
    br,
    bc,
    nCellsR,
    nCellsC,
    nBlocksR,
    nBlocksC,
    length: nBlocksR * nBlocksC * br * bc * orientations,
    norm,
    sqrt: o.transformSqrt ?? false,
  };
}

/**
 * Length of the HOG descriptor for an image of `height × width` pixels.
 *
 * @example
 * ```ts
 * hogLength(28, 28, { pixelsPerCell: [7, 7], cellsPerBlock: [2, 2] }); // 3·3 blocks · 2·2 cells · 9 bins = 324
 * ```
 */
export function hogLength(height: number, width: number, options: HogOptions = {}): number {
  return geometry(height, width, options).length;
}

const EPS = 1e-5;

/** Compute one descriptor into `out` at `outOffset`; scratch buffers sized for the image. */
function hogInto(
  src: ArrayLike<number>,
  srcOffset: number,
  height: number,
  width: number,
  g: Geometry,
  img: Float64Array,
  hist: Float64Array,
  block: Float64Array,
  out: Float32Array,
  outOffset: number,
): void {
  const { orientations: nb, cr, cc, br, bc, nCellsR, nCellsC } = g;
  for (let i = 0; i < height * width; i++) {
    const v = src[srcOffset + i];
    img[i] = g.sqrt ? Math.sqrt(v) : v;
  }
  hist.fill(0);
  const binWidth = 180 / nb;
  const toDeg = 180 / Math.PI;
  const rows = nCellsR * cr;
  const cols = nCellsC * cc;
  for (let r = 0; r < rows; r++) {
    const cellRow = Math.floor(r / cr);
    for (let c = 0; c < cols; c++) {
      // Central differences; zero on the image border (skimage `_hog_channel_gradient`).
      const gr = r > 0 && r < height - 1 ? img[(r + 1) * width + c] - img[(r - 1) * width + c] : 0;
      const gc = c > 0 && c < width - 1 ? img[r * width + c + 1] - img[r * width + c - 1] : 0;
      const mag = Math.hypot(gc, gr);
      if (mag === 0) continue;
      let o = (Math.atan2(gr, gc) * toDeg) % 180;
      if (o < 0) o += 180;
      let b = Math.floor(o / binWidth);
      if (b > 0 && o < binWidth * b) b--;
      if (o >= binWidth * (b + 1)) b++;
      if (b >= nb) continue; // 180° after rounding belongs to no bin, as in skimage
      hist[(cellRow * nCellsC + Math.floor(c / cc)) * nb + b] += mag;
    }
  }
  const area = cr * cc;
  for (let i = 0; i < hist.length; i++) hist[i] /= area;
  let o = outOffset;
  const blen = br * bc * nb;
  for (let R = 0; R < g.nBlocksR; R++) {
    for (let C = 0; C < g.nBlocksC; C++) {
      let k = 0;
      for (let i = 0; i < br; i++)
        for (let j = 0; j < bc; j++) for (let b = 0; b < nb; b++) block[k++] = hist[((R + i) * nCellsC + C + j) * nb + b];
      let s = 0;
      switch (g.norm) {
        case 'L1':
        case 'L1-sqrt': {
          for (let t = 0; t < blen; t++) s += Math.abs(block[t]);
          const d = s + EPS;
          for (let t = 0; t < blen; t++) out[o + t] = g.norm === 'L1' ? block[t] / d : Math.sqrt(block[t] / d);
          break;
        }
        case 'L2': {
          for (let t = 0; t < blen; t++) s += block[t] * block[t];
          const d = Math.sqrt(s + EPS * EPS);
          for (let t = 0; t < blen; t++) out[o + t] = block[t] / d;
          break;
        }
        case 'L2-Hys': {
          for (let t = 0; t < blen; t++) s += block[t] * block[t];
          const d = Math.sqrt(s + EPS * EPS);
          let s2 = 0;
          for (let t = 0; t < blen; t++) {
            block[t] = Math.min(block[t] / d, 0.2);
            s2 += block[t] * block[t];
          }
          const d2 = Math.sqrt(s2 + EPS * EPS);
          for (let t = 0; t < blen; t++) out[o + t] = block[t] / d2;
          break;
        }
      }
      o += blen;
    }
  }
}

/**
 * Histogram of oriented gradients of one grayscale image, as `skimage.feature.hog`
 * (central-difference gradients, unsigned orientations in `orientations` hard bins per cell,
 * overlapping blocks normalised with `blockNorm`, flattened block by block).
 *
 * Reference: N. Dalal and B. Triggs, "Histograms of Oriented Gradients for Human Detection", CVPR 2005.
 *
 * @example
 * ```ts
 * const pixels = new Float32Array(28 * 28);   // one MNIST digit
 * const f = hog(pixels, 28, 28, { pixelsPerCell: [7, 7], cellsPerBlock: [2, 2] }); // Float32Array(324)
 * ```
 */
export function hog(image: GrayImageData, height: number, width: number, options: HogOptions = {}): Float32Array {
  const g = geometry(height, width, options);
  if (!ArrayBuffer.isView(image) || image.length !== height * width) {
    throw new SvmBridgeError('image', describe(image), `a typed array of height * width = ${height * width} pixels`);
  }
  const out = new Float32Array(g.length);
  hogInto(
    image,
    0,
    height,
    width,
    g,
    new Float64Array(height * width),
    new Float64Array(g.nCellsR * g.nCellsC * g.orientations),
    new Float64Array(g.br * g.bc * g.orientations),
    out,
    0,
  );
  return out;
}

/**
 * HOG descriptors of a batch of grayscale images stored back to back (`[n, height, width]` or
 * `[n, height, width, 1]`, e.g. a dataset's `images` and `shape`). Returns one row per image.
 *
 * @example
 * ```ts
 * const { train } = await loadMnistSample();
 * const X = hogBatch(train.images, train.shape, { pixelsPerCell: [7, 7], cellsPerBlock: [2, 2] });
 * // X.rows === train.shape[0], X.cols === 324
 * ```
 */
export function hogBatch(
  images: GrayImageData,
  shape: readonly number[],
  options: HogOptions = {},
): FeatureMatrix & { data: Float32Array } {
  if (!Array.isArray(shape) || (shape.length !== 3 && !(shape.length === 4 && shape[3] === 1))) {
    throw new SvmBridgeError('shape', JSON.stringify(shape), '[n, height, width] or [n, height, width, 1] (grayscale)');
  }
  const [n, height, width] = shape;
  const g = geometry(height, width, options);
  if (!ArrayBuffer.isView(images) || images.length !== n * height * width) {
    throw new SvmBridgeError('images', describe(images), `a typed array of n * height * width = ${n * height * width} pixels`);
  }
  const out = new Float32Array(n * g.length);
  const img = new Float64Array(height * width);
  const hist = new Float64Array(g.nCellsR * g.nCellsC * g.orientations);
  const block = new Float64Array(g.br * g.bc * g.orientations);
  for (let i = 0; i < n; i++) hogInto(images, i * height * width, height, width, g, img, hist, block, out, i * g.length);
  return { data: out, rows: n, cols: g.length };
}
