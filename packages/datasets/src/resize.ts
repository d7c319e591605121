import { check } from './errors';

/** Precomputed 1-D resampling weights: for each output index, a start and weights over input indices. */
interface Weights {
  start: Int32Array;
  count: Int32Array;
  weights: Float64Array;
  support: number;
}

function triangleWeights(inSize: number, outSize: number): Weights {
  const scale = inSize / outSize;
  const filterScale = Math.max(1, scale); // widen the filter when shrinking: antialiasing, as Pillow does
  const support = filterScale; // triangle filter has radius 1, scaled
  const maxTaps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * maxTaps);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    const lo = Math.max(0, Math.floor(center - support));
    const hi = Math.min(inSize, Math.ceil(center + support));
    let total = 0;
    let n = 0;
    for (let i = lo; i < hi && n < maxTaps; i++, n++) {
      const w = Math.max(0, 1 - Math.abs((i + 0.5 - center) / filterScale));
      weights[o * maxTaps + n] = w;
      total += w;
    }
    if (total > 0) for (let t = 0; t < n; t++) weights[o * maxTaps + t] /= total;
    start[o] = lo;
    count[o] = n;
  }
  return { start, count, weights, support: maxTaps };
}

/**
 * Resizes an interleaved image (`height × width × channels`, any typed array) with a bilinear (triangle)
 * filter that widens when shrinking, like Pillow's `BILINEAR` and torchvision's `Resize(antialias=True)`.
 * Pixel centres are aligned (`align_corners=False`). Returns a Float32Array (round it for bytes).
 *
 * @example
 * ```ts
 * const small = resizeBilinear(rgb, 480, 640, 3, 224, 224); // Float32Array of 224*224*3
 * ```
 */
export function resizeBilinear(
  src: ArrayLike<number>,
  height: number,
  width: number,
  channels: number,
  outHeight: number,
  outWidth: number,
): Float32Array {
  check(
    src.length === height * width * channels,
    'src.length',
    src.length,
    `height*width*channels = ${height * width * channels}`,
  );
  check(Number.isInteger(outHeight) && outHeight > 0, 'outHeight', outHeight, 'a positive integer');
  check(Number.isInteger(outWidth) && outWidth > 0, 'outWidth', outWidth, 'a positive integer');
  // Horizontal pass: height × outWidth.
  const wx = triangleWeights(width, outWidth);
  const tmp = new Float32Array(height * outWidth * channels);
  for (let y = 0; y < height; y++) {
    for (let ox = 0; ox < outWidth; ox++) {
      const s = wx.start[ox];
      const n = wx.count[ox];
      for (let c = 0; c < channels; c++) {
        let acc = 0;
        for (let t = 0; t < n; t++) acc += wx.weights[ox * wx.support + t] * src[(y * width + s + t) * channels + c];
        tmp[(y * outWidth + ox) * channels + c] = acc;
      }
    }
  }
  // Vertical pass: outHeight × outWidth.
  const wy = triangleWeights(height, outHeight);
  const out = new Float32Array(outHeight * outWidth * channels);
  for (let oy = 0; oy < outHeight; oy++) {
    const s = wy.start[oy];
    const n = wy.count[oy];
    for (let x = 0; x < outWidth * channels; x++) {
      let acc = 0;
      for (let t = 0; t < n; t++) acc += wy.weights[oy * wy.support + t] * tmp[(s + t) * outWidth * channels + x];
      out[oy * outWidth * channels + x] = acc;
    }
  }
  return out;
}
