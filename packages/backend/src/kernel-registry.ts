import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import {
  avgPoolGradPlan,
  backpropFilterPlan,
  backpropInputPlan,
  convPlan,
  elementwisePlan,
  matMulPlan,
  parallelize,
  poolGradPlan,
  lrnGradPlan,
} from './parallel/parallel-kernels';
import { avgPoolGradFixup } from './wasm/avg-pool-grad';
import { fusedBatchNormFixup } from './wasm/batch-norm';
import { batchMatMulFixup, fusedMatMulFixup } from './wasm/batch-mat-mul';
import { binaryRepeatFixup } from './wasm/binary-repeat';
import { castFixup } from './wasm/cast';
import { conv2dBackpropFilterConfig } from './wasm/conv2d-backprop-filter';
import { conv2dBackpropInputConfig } from './wasm/conv2d-backprop-input';
import { conv2dFixup, fusedConv2dFixup } from './wasm/conv2d-gemm';
import { identityFixup } from './wasm/identity';
import { lrnFixup, lrnGradFixup } from './wasm/lrn';
import { maxPoolGradConfig } from './wasm/max-pool-grad';
import { padFixup } from './wasm/pad';
import { sliceFixup } from './wasm/slice';
import { meanFixup, sumFixup } from './wasm/sum-leading-axes';
import { tanhFixup } from './wasm/tanh';
import { tileFixup } from './wasm/tile';

/** A replacement kernel, given the backend's own (if any) so that it can delegate to it. */
export interface KernelFixup {
  readonly kernelName: string;
  readonly make: (original: KernelConfig | undefined) => KernelConfig;
}

const own = (original: KernelConfig | undefined, name: string): KernelConfig => {
  if (original === undefined) throw new Error(`dlkit: the wasm backend has no ${name} kernel to wrap`);
  return original;
};

/** Every kernel dlkit installs on the wasm backend. Kept as one list so a test can check it for duplicates. */
export const WASM_KERNEL_FIXUPS: readonly KernelFixup[] = [
  // Missing or slow on wasm: replaced.
  { kernelName: 'Conv2DBackpropFilter', make: () => parallelize(conv2dBackpropFilterConfig, backpropFilterPlan) },
  { kernelName: 'Conv2DBackpropInput', make: () => parallelize(conv2dBackpropInputConfig, backpropInputPlan) },
  { kernelName: 'MaxPoolGrad', make: () => parallelize(maxPoolGradConfig, poolGradPlan) },
  { kernelName: 'AvgPoolGrad', make: (o) => parallelize(avgPoolGradFixup(own(o, 'AvgPoolGrad')), avgPoolGradPlan) },
  { kernelName: 'BatchMatMul', make: (o) => parallelize(batchMatMulFixup(own(o, 'BatchMatMul')), matMulPlan) },
  { kernelName: 'Identity', make: (o) => identityFixup(own(o, 'Identity')) },
  { kernelName: 'Cast', make: (o) => castFixup(own(o, 'Cast')) },
  { kernelName: 'Tanh', make: (o) => parallelize(tanhFixup(own(o, 'Tanh')), elementwisePlan) },
  { kernelName: 'Sum', make: (o) => sumFixup(own(o, 'Sum')) },
  { kernelName: 'Mean', make: (o) => meanFixup(own(o, 'Mean')) },
  { kernelName: 'Tile', make: (o) => tileFixup(own(o, 'Tile')) },
  { kernelName: 'FusedBatchNorm', make: (o) => fusedBatchNormFixup(own(o, 'FusedBatchNorm')) },
  { kernelName: 'Slice', make: (o) => sliceFixup(own(o, 'Slice')) },
  { kernelName: 'PadV2', make: (o) => padFixup(own(o, 'PadV2')) },
  { kernelName: 'Add', make: (o) => binaryRepeatFixup(own(o, 'Add'), 'add') },
  { kernelName: 'Sub', make: (o) => binaryRepeatFixup(own(o, 'Sub'), 'sub') },
  { kernelName: 'Multiply', make: (o) => binaryRepeatFixup(own(o, 'Multiply'), 'mul') },
  { kernelName: 'LRN', make: (o) => parallelize(lrnFixup(own(o, 'LRN')), elementwisePlan) },
  { kernelName: 'LRNGrad', make: (o) => parallelize(lrnGradFixup(own(o, 'LRNGrad')), lrnGradPlan) },
  // im2col + dlkit's GEMM where measured faster than XNNPACK, XNNPACK otherwise; spread over the kernel workers.
  { kernelName: 'Conv2D', make: (o) => parallelize(conv2dFixup(own(o, 'Conv2D')), convPlan) },
  { kernelName: 'FusedConv2D', make: (o) => parallelize(fusedConv2dFixup(own(o, 'FusedConv2D')), convPlan) },
  { kernelName: '_FusedMatMul', make: (o) => parallelize(fusedMatMulFixup(own(o, '_FusedMatMul')), matMulPlan) },
];

const originals = new Map<string, KernelConfig | undefined>();

/**
 * Installs dlkit's wasm kernels, replacing the backend's own where it has one (kept, for
 * `uninstallWasmFixups`). Idempotent. Returns the kernel names installed.
 */
export function installWasmFixups(): string[] {
  const names: string[] = [];
  for (const fixup of WASM_KERNEL_FIXUPS) {
    if (!originals.has(fixup.kernelName)) {
      const existing = getKernel(fixup.kernelName, 'wasm');
      originals.set(fixup.kernelName, existing);
      if (existing !== undefined) unregisterKernel(fixup.kernelName, 'wasm');
      registerKernel(fixup.make(existing));
    }
    names.push(fixup.kernelName);
  }
  return names;
}

/** Restores the wasm backend's own kernels (used by tests that compare against them). */
export function uninstallWasmFixups(): void {
  for (const [name, original] of originals) {
    unregisterKernel(name, 'wasm');
    if (original !== undefined) registerKernel(original);
  }
  originals.clear();
}
