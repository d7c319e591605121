import { backend_util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { kernelWorkers } from './pool';
import { splitBatch, type BatchSplit } from './split-batch';

// Below this much arithmetic a kernel is not worth the copies to and from a worker. Products need more:
// measured on the 784-256-10 MLP, splitting its 13M-MAC products made training slower.
const MIN_MACS = 4_000_000;
const MIN_MATMUL_MACS = 48_000_000;
const MIN_POOL_ELEMENTS = 1 << 18;

type Args = Parameters<KernelFunc>[0];
type Plan = (args: Args) => BatchSplit | null;

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);
let splitting = false;

/**
 * Wraps a kernel so that, when kernel workers run, big calls are cut along the batch and computed on
 * every core. Calls made while a split is under way (a kernel built from other kernels) stay on their
 * thread: the workers are busy with the outer call.
 */
export function parallelize(config: KernelConfig, plan: Plan): KernelConfig {
  const run = config.kernelFunc;
  const kernelFunc = (args: Args) => {
    if (splitting || kernelWorkers().length === 0) return run(args);
    const split = plan(args);
    if (split === null) return run(args);
    splitting = true;
    try {
      return splitBatch(config.kernelName, run, args, split) ?? run(args);
    } finally {
      splitting = false;
    }
  };
  return { ...config, kernelFunc: kernelFunc as KernelFunc };
}

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dataFormat?: 'NHWC' | 'NCHW';
}

/** Conv2D and FusedConv2D: images are independent, so the batch splits into output rows. */
export const convPlan: Plan = ({ inputs, attrs }) => {
  const { x, filter } = inputs as { x: TensorInfo; filter: TensorInfo };
  const a = attrs as unknown as ConvAttrs;
  if (a.dataFormat === 'NCHW') return null;
  const info = backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    a.strides,
    a.dilations ?? 1,
    a.pad,
    a.dimRoundingMode,
  );
  const macs = size(info.outShape) * info.filterHeight * info.filterWidth * info.inChannels;
  if (macs < MIN_MACS) return null;
  return { splitInputs: ['x'], axis: 0, outShape: info.outShape, combine: 'concat' };
};

/**
 * BatchMatMul and _FusedMatMul of one matrix pair C = A·B (m × k times k × n), cut along the axis that
 * moves the fewest floats to and from the workers: rows of C (A cut, B whole), columns of C (B cut, A
 * whole; a bias per column cut with it), or the inner axis (both cut, the parts' whole C added up; only
 * without bias or activation). A dense layer's three products each have a different best cut: measured
 * on the CIFAR net's 4096 × 384 layer, sending the whole 6 MB weight matrix to the worker made the
 * split slower than one thread.
 */
export const matMulPlan: Plan = ({ inputs, attrs }) => {
  const { a, b, bias, preluActivationWeights } = inputs as Record<string, TensorInfo | undefined>;
  const { transposeA, transposeB, activation } = attrs as unknown as {
    transposeA: boolean;
    transposeB: boolean;
    activation?: string;
  };
  if (a === undefined || b === undefined) return null;
  const rank = a.shape.length;
  if (b.shape.length !== rank || size(a.shape.slice(0, -2)) !== 1 || size(b.shape.slice(0, -2)) !== 1) return null;
  const [m, k] = transposeA ? [a.shape[rank - 1], a.shape[rank - 2]] : a.shape.slice(-2);
  const n = transposeB ? b.shape[rank - 2] : b.shape[rank - 1];
  if (m * k * n < MIN_MATMUL_MACS) return null;
  const outShape = [...a.shape.slice(0, -2), m, n];
  const extras = [bias, preluActivationWeights].filter((t): t is TensorInfo => t !== undefined);
  // Only a bias / PReLU weights per column (or one value) can follow a cut: whole for rows, cut for columns.
  for (const t of extras) if (size(t.shape) !== n && size(t.shape) !== 1) return null;
  // The per-column ones travel cut with the columns (by name, along their only axis).
  const perColumn = Object.entries({ bias, preluActivationWeights }).filter(
    (e): e is [string, TensorInfo] => e[1] !== undefined && size(e[1].shape) === n && n > 1,
  );
  const aRows = transposeA ? rank - 1 : rank - 2;
  const aInner = transposeA ? rank - 2 : rank - 1;
  const bInner = transposeB ? rank - 1 : rank - 2;
  const bCols = transposeB ? rank - 2 : rank - 1;
  // Floats a worker receives and returns for half of the work, per cut.
  const byRows = (m * k) / 2 + k * n + (m * n) / 2;
  const byCols = m * k + (k * n) / 2 + (m * n) / 2;
  const linear = extras.length === 0 && (activation === undefined || activation === 'linear');
  const byInner = linear ? (m * k) / 2 + (k * n) / 2 + 2 * m * n : Number.POSITIVE_INFINITY;
  if (byInner < byRows && byInner < byCols) {
    return { splitInputs: ['a', 'b'], axis: aInner, inputAxes: { b: bInner }, outShape, combine: 'sum' };
  }
  if (byCols < byRows && perColumn.every(([, t]) => t.shape.length === 1)) {
    const names = perColumn.map(([name]) => name);
    return {
      splitInputs: ['b', ...names],
      axis: bCols,
      inputAxes: Object.fromEntries(names.map((name) => [name, 0])),
      outAxis: rank - 1,
      outShape,
      combine: 'concat',
    };
  }
  return { splitInputs: ['a'], axis: aRows, outAxis: rank - 2, outShape, combine: 'concat' };
};

/** dW is a sum over the batch: each part computes it for its images and the parts are added. */
export const backpropFilterPlan: Plan = ({ inputs, attrs }) => {
  const { dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const filterShape = (attrs as unknown as { filterShape: number[] }).filterShape;
  if (size(dy.shape) * size(filterShape.slice(0, 3)) < MIN_MACS) return null;
  return { splitInputs: ['x', 'dy'], axis: 0, outShape: filterShape, combine: 'sum' };
};

/** dx of each image depends on that image's dy only. */
export const backpropInputPlan: Plan = ({ inputs, attrs }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const inputShape = (attrs as unknown as { inputShape: number[] }).inputShape;
  if (size(dy.shape) * size(filter.shape.slice(0, 3)) < MIN_MACS) return null;
  return {
    splitInputs: ['dy'],
    axis: 0,
    outShape: inputShape,
    combine: 'concat',
    attrsFor: (rows: number): NamedAttrMap => ({ inputShape: [rows, ...inputShape.slice(1)] }),
  };
};

/**
 * Kernels whose output rows each depend on the same rows of `inputs` only, shaped like `like`: cut along the
 * first axis once `like` is big enough to pay for the copies.
 */
const perImagePlan =
  (inputs: readonly string[], like: string): Plan =>
  (args) => {
    const t = (args.inputs as Record<string, TensorInfo>)[like];
    if (t.shape.length === 0 || size(t.shape) < MIN_POOL_ELEMENTS) return null;
    return { splitInputs: inputs, axis: 0, outShape: t.shape, combine: 'concat' };
  };

/** Pooling gradients are per image (AvgPoolGrad has no `output` input). */
export const poolGradPlan = perImagePlan(['dy', 'input', 'output'], 'input');
export const avgPoolGradPlan = perImagePlan(['dy', 'input'], 'input');
/** Element-wise kernels: any cut of the first axis. */
export const elementwisePlan = perImagePlan(['x'], 'x');
/** LRNGrad: per pixel, over channels; x, y and dy cut alike. */
export const lrnGradPlan = perImagePlan(['x', 'y', 'dy'], 'x');
