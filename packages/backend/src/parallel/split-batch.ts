import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { callKernel } from '../wasm/kernel-call';
import type { WasmBackendLike } from '../wasm/wasm-backend-like';
import { kernelWorkers, postJob, waitJob } from './pool';
import type { JobInput } from './protocol';

/** How a kernel's work divides along one axis of its inputs and output. */
export interface BatchSplit {
  /** Inputs cut along their axis (`inputAxes[name]`, else `axis`); every other input goes whole to each part. */
  readonly splitInputs: readonly string[];
  /** The axis cut, of the split inputs and of the output unless `inputAxes` / `outAxis` say otherwise. */
  readonly axis: number;
  /** Per split input, its cut axis when it is not `axis` (a transposed operand of a product). */
  readonly inputAxes?: Readonly<Record<string, number>>;
  /** The output's cut axis for 'concat', when it is not `axis`. */
  readonly outAxis?: number;
  /** Shape of the full output. */
  readonly outShape: readonly number[];
  /** 'concat': each part yields its rows of the output; 'sum': each part yields a whole output to add up. */
  readonly combine: 'concat' | 'sum';
  /** Attributes for a part of `rows` rows, when they depend on the batch size. */
  readonly attrsFor?: (rows: number) => NamedAttrMap;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** A tensor seen as `outer` blocks of `dim` rows of `row` floats, cut along the middle axis. */
const layout = (shape: readonly number[], axis: number) => ({
  outer: size(shape.slice(0, axis)),
  dim: shape[axis],
  row: size(shape.slice(axis + 1)),
});

/**
 * Runs one kernel over the batch in parallel: the main thread computes the first part on its own engine
 * while each kernel worker computes another. Returns null (the caller then runs the kernel alone) when
 * there are no workers, too few rows, a non-float input, or a part that does not fit in shared memory.
 */
export function splitBatch(
  kernelName: string,
  run: KernelFunc,
  args: Parameters<KernelFunc>[0],
  split: BatchSplit,
): TensorInfo | null {
  const workers = kernelWorkers();
  if (workers.length === 0) return null;
  const backend = args.backend as unknown as WasmBackendLike;
  const inputs = args.inputs as Record<string, TensorInfo | undefined>;
  const axisOf = (name: string) => split.inputAxes?.[name] ?? split.axis;
  const first = inputs[split.splitInputs[0]];
  if (first === undefined) return null;
  const rows = first.shape[axisOf(split.splitInputs[0])];
  const parts = Math.min(workers.length + 1, rows);
  if (parts < 2) return null;
  for (const t of Object.values(inputs)) if (t !== undefined && t.dtype !== 'float32') return null;
  for (const name of split.splitInputs) {
    const t = inputs[name];
    if (t === undefined || t.shape[axisOf(name)] !== rows) return null;
  }
  const outAxis = split.outAxis ?? split.axis;
  const out = layout(split.outShape, outAxis);
  if (split.combine === 'concat' && out.dim !== rows) return null;
  const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((i * rows) / parts));
  const chunkShape = (shape: readonly number[], axis: number, r: number) => shape.map((d, i) => (i === axis ? r : d));

  // Plan every worker's layout before posting anything, so a part that does not fit costs nothing.
  const plans = [];
  for (let p = 1; p < parts; p++) {
    const r = bounds[p + 1] - bounds[p];
    const w = workers[p - 1];
    let offset = 0;
    const jobInputs: (JobInput & { from: number; count: number; source: TensorInfo; axis: number })[] = [];
    for (const [name, t] of Object.entries(inputs)) {
      if (t === undefined) continue;
      const isSplit = split.splitInputs.includes(name);
      const axis = isSplit ? axisOf(name) : -1;
      const count = isSplit ? (size(t.shape) / rows) * r : size(t.shape);
      jobInputs.push({
        name,
        shape: isSplit ? chunkShape(t.shape, axis, r) : [...t.shape],
        offset,
        from: bounds[p],
        count,
        source: t,
        axis,
      });
      offset += count;
    }
    const outSize = split.combine === 'concat' ? (size(split.outShape) / rows) * r : size(split.outShape);
    if (offset + outSize > w.data.length) return null;
    plans.push({ w, r, jobInputs, outOffset: offset, outSize });
  }
  for (const plan of plans) {
    for (const input of plan.jobInputs) {
      const view = backend.typedArrayFromHeap(input.source) as Float32Array;
      if (input.axis < 0) {
        plan.w.data.set(view, input.offset);
        continue;
      }
      // Block by block: one copy when the cut axis leads, one per outer block otherwise (a column cut).
      const { outer, dim, row } = layout(input.source.shape, input.axis);
      const run = plan.r * row;
      for (let o = 0; o < outer; o++) {
        const from = (o * dim + input.from) * row;
        plan.w.data.set(view.subarray(from, from + run), input.offset + o * run);
      }
    }
    postJob(plan.w, {
      kernel: kernelName,
      inputs: plan.jobInputs.map(({ name, shape, offset }) => ({ name, shape, offset })),
      attrs: { ...(args.attrs ?? {}), ...(split.attrsFor?.(plan.r) ?? {}) } as Record<string, unknown>,
      outOffset: plan.outOffset,
      outSize: plan.outSize,
    });
  }

  // The main thread's own part: the first rows. Where the cut axis leads, they are a prefix of the
  // tensor's data, so the kernel reads them in place (its shape says how many); otherwise a sliced copy.
  const mine: Record<string, TensorInfo> = {};
  const temps: TensorInfo[] = [];
  const r0 = bounds[1];
  for (const [name, t] of Object.entries(inputs)) {
    if (t === undefined) continue;
    if (!split.splitInputs.includes(name)) {
      mine[name] = t;
      continue;
    }
    const axis = axisOf(name);
    if (layout(t.shape, axis).outer === 1) {
      mine[name] = { dataId: t.dataId, shape: chunkShape(t.shape, axis, r0), dtype: t.dtype };
      continue;
    }
    const begin = t.shape.map(() => 0);
    const sliced = callKernel('Slice', { x: t }, { begin, size: chunkShape(t.shape, axis, r0) }, backend);
    temps.push(sliced);
    mine[name] = sliced;
  }
  let partOut: TensorInfo;
  try {
    partOut = run({ ...args, inputs: mine, attrs: { ...(args.attrs ?? {}), ...(split.attrsFor?.(r0) ?? {}) } }) as TensorInfo;
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
  const result = backend.makeOutput([...split.outShape], 'float32');
  const target = backend.typedArrayFromHeap(result) as Float32Array;
  const place = (part: Float32Array, from: number, r: number) => {
    const run = r * out.row;
    for (let o = 0; o < out.outer; o++) target.set(part.subarray(o * run, (o + 1) * run), (o * out.dim + from) * out.row);
  };
  const own = backend.typedArrayFromHeap(partOut) as Float32Array;
  if (split.combine === 'concat') place(own, 0, r0);
  else target.set(own, 0);
  // A kernel that handed back one of its (viewed) inputs must not have it disposed.
  if (!Object.values(inputs).some((t) => t?.dataId === partOut.dataId)) backend.disposeData(partOut.dataId);
  let failure: unknown;
  for (let p = 1; p < parts; p++) {
    const plan = plans[p - 1];
    try {
      waitJob(plan.w);
    } catch (err) {
      failure ??= err;
      continue;
    }
    const part = plan.w.data.subarray(plan.outOffset, plan.outOffset + plan.outSize);
    if (split.combine === 'concat') place(part, bounds[p], plan.r);
    else for (let i = 0; i < part.length; i++) target[i] += part[i];
  }
  if (failure !== undefined) {
    backend.disposeData(result.dataId);
    throw failure;
  }
  return result;
}
