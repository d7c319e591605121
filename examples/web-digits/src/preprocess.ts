/**
 * MNIST's own preprocessing of a drawing (LeCun et al.: "the images were size normalized to fit in a 20×20
 * pixel box while preserving their aspect ratio … centered in a 28×28 image by computing the center of mass of
 * the pixels"), then the standardisation the model was trained with.
 */

/** A grey image: `width × height` intensities in [0, 255], row-major, ink bright on a dark ground. */
export interface GrayImage {
  readonly data: ArrayLike<number>;
  readonly width: number;
  readonly height: number;
}

/** Options of {@link mnistPreprocess}. */
export interface PreprocessOptions {
  /** Pixels at or below this intensity count as background when finding the bounding box. Default 16. */
  threshold?: number;
  /** Side of the box the digit is scaled into. Default 20. */
  box?: number;
  /** Side of the output image. Default 28. */
  size?: number;
}

/** Bounding box of the pixels above `threshold`, or `null` for an empty drawing. */
export function inkBox(img: GrayImage, threshold = 16): { x0: number; y0: number; x1: number; y1: number } | null {
  let x0 = img.width;
  let y0 = img.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x]! > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/**
 * Area-averaging resize of the crop `[x0, x1) × [y0, y1)` of `img` to `w × h`: each output pixel is the mean
 * of the source area it covers (exact fractional coverage), i.e. an anti-aliased downscale.
 */
export function resizeArea(
  img: GrayImage,
  crop: { x0: number; y0: number; x1: number; y1: number },
  w: number,
  h: number,
): Float32Array {
  const out = new Float32Array(w * h);
  const sx = (crop.x1 - crop.x0) / w;
  const sy = (crop.y1 - crop.y0) / h;
  for (let oy = 0; oy < h; oy++) {
    const ya = crop.y0 + oy * sy;
    const yb = ya + sy;
    for (let ox = 0; ox < w; ox++) {
      const xa = crop.x0 + ox * sx;
      const xb = xa + sx;
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        if (wy <= 0) continue;
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          if (wx > 0) sum += wx * wy * img.data[y * img.width + x]!;
        }
      }
      out[oy * w + ox] = sum / (sx * sy);
    }
  }
  return out;
}

/**
 * A drawing → a 28×28 MNIST-style image of intensities in [0, 255] (row-major), or `null` when nothing is drawn:
 * crop to the ink's bounding box, scale its longer side to 20 pixels keeping the aspect ratio, and paste it
 * into 28×28 so that its centre of mass lands on the centre.
 *
 * @example
 * ```ts
 * const pixels = mnistPreprocess({ data: red, width: 280, height: 280 }); // Float32Array(784) | null
 * ```
 */
export function mnistPreprocess(img: GrayImage, options: PreprocessOptions = {}): Float32Array | null {
  const box = options.box ?? 20;
  const size = options.size ?? 28;
  if (img.data.length !== img.width * img.height) {
    throw new Error(`mnistPreprocess: data has ${img.data.length} values, expected width × height = ${img.width * img.height}`);
  }
  const crop = inkBox(img, options.threshold ?? 16);
  if (crop === null) return null;
  const cw = crop.x1 - crop.x0;
  const ch = crop.y1 - crop.y0;
  const scale = box / Math.max(cw, ch);
  const w = Math.max(1, Math.round(cw * scale));
  const h = Math.max(1, Math.round(ch * scale));
  const small = resizeArea(img, crop, w, h);
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = small[y * w + x]!;
      mass += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  // Offset of the small image in the output so that its centre of mass sits at (size/2, size/2).
  const ox = Math.round(size / 2 - mx / mass);
  const oy = Math.round(size / 2 - my / mass);
  const out = new Float32Array(size * size);
  for (let y = 0; y < h; y++) {
    const ty = y + oy;
    if (ty < 0 || ty >= size) continue;
    for (let x = 0; x < w; x++) {
      const tx = x + ox;
      if (tx >= 0 && tx < size) out[ty * size + tx] = Math.min(255, small[y * w + x]!);
    }
  }
  return out;
}

/** Bytes in [0, 255] → `(v · pixelScale − mean) / std`, the standardisation mnist-convnet trains with. */
export function standardize(pixels: ArrayLike<number>, pixelScale: number, mean: number, std: number): Float32Array {
  const out = new Float32Array(pixels.length);
  for (let i = 0; i < pixels.length; i++) out[i] = (pixels[i]! * pixelScale - mean) / std;
  return out;
}
