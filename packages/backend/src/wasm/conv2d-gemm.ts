import {
  backend_util,
  type Conv2DAttrs,
  type FusedConv2DAttrs,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
} from '@tensorflow/tfjs-core';
import { addressOf, convGeometry, gemm, imagesPerSlice, simdKernels } from './simd/simd-kernels';
import type { WasmBackendLike } from './wasm-backend-like';

/**
 * Which engine runs a forward convolution: chosen per shape by the measured rule of {@link preferGemm}
 * ('auto'), or forced (tests check both on every shape of the grid).
 */
export const CONV2D_FORM: { value: 'auto' | 'gemm' | 'xnnpack' } = { value: 'auto' };

// Rows of columns gathered per slice of the batch, about 1 MB so the product reads them back from L2. Measured
// (1 thread, CIFAR conv2): 64.0 ms at 1 MB, 68.9 at 4 MB, 73.4 at 16 MB; 128 kB to 1 MB are all alike.
const ROW_SLICE_FLOATS = 1 << 18;

// Measured rule (1 thread, relaxed SIMD, CPU ms per call, batch 64, XNNPACK vs im2col + GEMM): the GEMM wins
// from 16 output channels on once the product K·Cout (K = KH·KW·Cin) reaches 800 — CIFAR conv1 5×5×3→64
// 17.8 vs 13.4, conv2 5×5×64→64 87.7 vs 61.5, LeNet 5×5×1→32 2.85 vs 1.99 and 5×5×32→64 11.0 vs 7.7,
// 5×5×32→16 11.5 vs 9.9, 3×3×8→24 1.63 vs 1.40, batch 1 5×5×64→64 1.39 vs 1.02 — and on every 1 × 1
// (no gather: 1×1×8→32 0.32 vs 0.21). XNNPACK keeps narrow outputs and shallow products: 3×3×32→8 2.03 vs
// 2.23, 3×3×3→16 1.70 vs 2.17, 5×5×1→6 0.76 vs 1.22; around the threshold the two tie (3×3×1→32 1.41 vs
// 1.43, 3×3×3→32 3.22 vs 3.18).
const MIN_GEMM_OUT_CHANNELS = 16;
const MIN_GEMM_PRODUCT = 800;

/** Whether im2col + dlkit's GEMM is expected to beat XNNPACK on this convolution (the measured rule above). */
export function preferGemm(info: backend_util.Conv2DInfo): boolean {
  if (info.outChannels < MIN_GEMM_OUT_CHANNELS) return false;
  if (isPointwise(info)) return true;
  return info.filterHeight * info.filterWidth * info.inChannels * info.outChannels >= MIN_GEMM_PRODUCT;
}

/** A 1 × 1, stride-1, unpadded convolution: already a product of x's rows by the filter. */
function isPointwise(info: backend_util.Conv2DInfo): boolean {
  return (
    info.filterHeight === 1 &&
    info.filterWidth === 1 &&
    info.strideHeight === 1 &&
    info.strideWidth === 1 &&
    info.padInfo.top === 0 &&
    info.padInfo.left === 0 &&
    info.outHeight === info.inHeight &&
    info.outWidth === info.inWidth
  );
}

/**
 * y = conv(x, W) (NHWC, any stride, padding and dilation) as rows of columns times the filter:
 * cols ([n·OH·OW, KH·KW·Cin]) gathered by the SIMD im2col one slice of the batch at a time, then
 * cols · W ([KH·KW·Cin, Cout], the filter as it lies) by the GEMM straight into y's rows. A 1 × 1 stride-1
 * unpadded convolution is already a product: x's rows are used as they lie. Null without our kernels.
 */
export function conv2dGemm(
  backend: WasmBackendLike,
  x: TensorInfo,
  filter: TensorInfo,
  info: backend_util.Conv2DInfo,
): TensorInfo | null {
  const simd = simdKernels(backend);
  if (simd === null || x.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: Ci, outHeight: OH, outWidth: OW, outChannels: Co } = info;
  const { filterHeight: KH, filterWidth: KW } = info;
  const K = KH * KW * Ci;
  const perImage = OH * OW;
  const y = backend.makeOutput([N, OH, OW, Co], 'float32');
  if (N * perImage === 0) return y;
  if (isPointwise(info)) {
    gemm(
      simd,
      N * perImage,
      Co,
      K,
      { address: addressOf(backend, x), rowStride: K, colStride: 1 },
      { address: addressOf(backend, filter), rowStride: Co, colStride: 1 },
      addressOf(backend, y),
      Co,
      false,
    );
    return y;
  }
  const slice = imagesPerSlice(N, perImage * K, ROW_SLICE_FLOATS);
  const cols = backend.makeOutput([slice * perImage, K], 'float32');
  // Addresses after every allocation: makeOutput may grow (and move) the heap.
  const px = addressOf(backend, x);
  const pw = addressOf(backend, filter);
  const py = addressOf(backend, y);
  const pc = addressOf(backend, cols);
  for (let n0 = 0; n0 < N; n0 += slice) {
    const n = Math.min(slice, N - n0);
    simd.exports.im2col(px + 4 * n0 * H * W * Ci, pc, ...convGeometry(info, n));
    gemm(
      simd,
      n * perImage,
      Co,
      K,
      { address: pc, rowStride: K, colStride: 1 },
      { address: pw, rowStride: Co, colStride: 1 },
      py + 4 * n0 * perImage * Co,
      Co,
      false,
    );
  }
  backend.disposeData(cols.dataId);
  return y;
}

type ConvArgs = Parameters<KernelFunc>[0];

/** The convolution's geometry, or null when dlkit's form does not apply (NCHW: the backend's kernel decides). */
function convInfoOf(x: TensorInfo, filter: TensorInfo, attrs: Conv2DAttrs): backend_util.Conv2DInfo | null {
  if (backend_util.convertConv2DDataFormat(attrs.dataFormat) !== 'channelsLast') return null;
  if (x.shape.length !== 4 || filter.shape.length !== 4) return null;
  return backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    attrs.strides,
    attrs.dilations ?? 1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
}

const useGemm = (info: backend_util.Conv2DInfo): boolean =>
  CONV2D_FORM.value === 'gemm' || (CONV2D_FORM.value === 'auto' && preferGemm(info));

/**
 * Conv2D on dlkit's im2col + GEMM where that beats XNNPACK (the rule of {@link preferGemm}); the backend's
 * own kernel otherwise, for NCHW, and when our kernels cannot reach the backend's memory.
 */
export function conv2dFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: ConvArgs) => {
    const { x, filter } = args.inputs as { x: TensorInfo; filter: TensorInfo };
    const info = convInfoOf(x, filter, args.attrs as unknown as Conv2DAttrs);
    if (info !== null && useGemm(info)) {
      const y = conv2dGemm(args.backend as unknown as WasmBackendLike, x, filter, info);
      if (y !== null) return y;
    }
    return original.kernelFunc(args);
  };
  return { ...original, kernelFunc: kernelFunc as KernelFunc };
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * FusedConv2D (a convolution layer's forward pass: convolution, bias per output channel, linear or ReLU)
 * on dlkit's im2col + GEMM with the SIMD bias/ReLU epilogue, by the same rule as Conv2D; other
 * activations, PReLU, other bias shapes and NCHW go to the backend's own kernel.
 */
export function fusedConv2dFixup(original: KernelConfig): KernelConfig {
  const kernelFunc = (args: ConvArgs) => {
    const { x, filter, bias, preluActivationWeights } = args.inputs as Record<string, TensorInfo | undefined>;
    const attrs = args.attrs as unknown as FusedConv2DAttrs;
    const act = attrs.activation ?? 'linear';
    if (x === undefined || filter === undefined || preluActivationWeights !== undefined) return original.kernelFunc(args);
    if (act !== 'linear' && act !== 'relu') return original.kernelFunc(args);
    const co = filter.shape[3];
    if (bias !== undefined && (bias.dtype !== 'float32' || size(bias.shape) !== co)) return original.kernelFunc(args);
    const info = convInfoOf(x, filter, attrs);
    if (info === null || !useGemm(info)) return original.kernelFunc(args);
    const backend = args.backend as unknown as WasmBackendLike;
    const y = conv2dGemm(backend, x, filter, info);
    if (y === null) return original.kernelFunc(args);
    if (bias !== undefined || act === 'relu') {
      const simd = simdKernels(backend);
      if (simd !== null) {
        simd.exports.biasRelu(
          addressOf(backend, y),
          bias === undefined ? 0 : addressOf(backend, bias),
          size(y.shape) / co,
          co,
          act === 'relu' ? 1 : 0,
        );
      }
    }
    return y;
  };
  return { ...original, kernelFunc: kernelFunc as KernelFunc };
}
