import type { KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { callKernel } from '../wasm/kernel-call';
import type { WasmBackendLike } from '../wasm/wasm-backend-like';
import { kernelWorkers, postJob, waitJob } from './pool';
import type { JobInput } from './protocol';

/** How a kernel's work divides along the leading (batch or row) axis. */
export interface BatchSplit {
  /** Inputs cut along `axis`; every other input goes whole to each part. */
  readonly splitInputs: readonly string[];
  /** The axis cut; every axis before it must have size 1. */
  readonly axis: number;
  /** Shape of the full output. */
  readonly outShape: readonly number[];
  /** 'concat': each part yields its rows of the output; 'sum': each part yields a whole output to add up. */
  readonly combine: 'concat' | 'sum';
  /** Attributes for a part of `rows` rows, when they depend on the batch size. */
  readonly attrsFor?: (rows: number) => NamedAttrMap;
}

const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

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
  const first = inputs[split.splitInputs[0]];
  if (first === undefined) return null;
  const rows = first.shape[split.axis];
  const parts = Math.min(workers.length + 1, rows);
  if (parts < 2) return null;
  for (const t of Object.values(inputs)) if (t !== undefined && t.dtype !== 'float32') return null;
  for (const name of split.splitInputs) {
    const t = inputs[name];
    if (t === undefined || t.shape[split.axis] !== rows || size(t.shape.slice(0, split.axis)) !== 1) return null;
  }
  const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((i * rows) / parts));
  const outRow = size(split.outShape.slice(split.axis + 1));
  const chunkShape = (shape: readonly number[], r: number) => shape.map((d, i) => (i === split.axis ? r : d));

  // Plan every worker's layout before posting anything, so a part that does not fit costs nothing.
  const plans = [];
  for (let p = 1; p < parts; p++) {
    const r = bounds[p + 1] - bounds[p];
    const w = workers[p - 1];
    let offset = 0;
    const jobInputs: (JobInput & { from: number; count: number; source: TensorInfo })[] = [];
    for (const [name, t] of Object.entries(inputs)) {
      if (t === undefined) continue;
      const isSplit = split.splitInputs.includes(name);
      const row = size(t.shape.slice(split.axis + 1));
      const count = isSplit ? r * row : size(t.shape);
      jobInputs.push({
        name,
        shape: isSplit ? chunkShape(t.shape, r) : [...t.shape],
        offset,
        from: isSplit ? bounds[p] * row : 0,
        count,
        source: t,
      });
      offset += count;
    }
    const outSize = split.combine === 'concat' ? r * outRow : size(split.outShape);
    if (offset + outSize > w.data.length) return null;
    plans.push({ w, r, jobInputs, outOffset: offset, outSize });
  }
  for (const plan of plans) {
    for (const input of plan.jobInputs) {
      const view = backend.typedArrayFromHeap(input.source) as Float32Array;
      plan.w.data.set(view.subarray(input.from, input.from + input.count), input.offset);
    }
    postJob(plan.w, {
      kernel: kernelName,
      inputs: plan.jobInputs.map(({ name, shape, offset }) => ({ name, shape, offset })),
      attrs: { ...(args.attrs ?? {}), ...(split.attrsFor?.(plan.r) ?? {}) } as Record<string, unknown>,
      outOffset: plan.outOffset,
      outSize: plan.outSize,
    });
  }

  // The main thread's own part.
  const mine: Record<string, TensorInfo> = {};
  const temps: TensorInfo[] = [];
  const r0 = bounds[1];
  for (const [name, t] of Object.entries(inputs)) {
    if (t === undefined) continue;
    if (!split.splitInputs.includes(name)) {
      mine[name] = t;
      continue;
    }
    const begin = t.shape.map(() => 0);
    const sliced = callKernel('Slice', { x: t }, { begin, size: chunkShape(t.shape, r0) }, backend);
    temps.push(sliced);
    mine[name] = sliced;
  }
  let partOut: TensorInfo;
  try {
    partOut = run({ ...args, inputs: mine, attrs: { ...(args.attrs ?? {}), ...(split.attrsFor?.(r0) ?? {}) } }) as TensorInfo;
  } finally {
    for (const t of temps) backend.disposeData(t.dataId);
  }
  const out = backend.makeOutput([...split.outShape], 'float32');
  const target = backend.typedArrayFromHeap(out) as Float32Array;
  target.set(backend.typedArrayFromHeap(partOut) as Float32Array, 0);
  backend.disposeData(partOut.dataId);
  let failure: unknown;
  for (let p = 1; p < parts; p++) {
    const plan = plans[p - 1];
    try {
      waitJob(plan.w);
    } catch (err) {
      failure ??= err;
      continue;
    }
    const result = plan.w.data.subarray(plan.outOffset, plan.outOffset + plan.outSize);
    if (split.combine === 'concat') target.set(result, bounds[p] * outRow);
    else for (let i = 0; i < result.length; i++) target[i] += result[i];
  }
  if (failure !== undefined) {
    backend.disposeData(out.dataId);
    throw failure;
  }
  return out;
}
