import { getKernel, registerKernel, unregisterKernel, type KernelConfig } from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { conv2dBackpropInputConfig } from './conv2d-backprop-input';
import { maxPoolGradConfig } from './max-pool-grad';
import { batchMatMulFixup } from './batch-mat-mul';

/** A replacement kernel, given the backend's own (if any) so that it can delegate to it. */
type Fixup = { readonly kernelName: string; readonly make: (original: KernelConfig | undefined) => KernelConfig };

const replace = (config: KernelConfig): Fixup => ({ kernelName: config.kernelName, make: () => config });

/** Every kernel dlkit installs on the wasm backend. Kept as one list so a test can check it for duplicates. */
export const WASM_KERNEL_FIXUPS: readonly Fixup[] = [
  replace(conv2dBackpropFilterConfig),
  replace(conv2dBackpropInputConfig),
  replace(maxPoolGradConfig),
  {
    kernelName: 'BatchMatMul',
    make: (original) => {
      if (original === undefined) throw new Error('dlkit: the wasm backend has no BatchMatMul kernel to wrap');
      return batchMatMulFixup(original);
    },
  },
];

const originals = new Map<string, KernelConfig | undefined>();

/**
 * Installs dlkit's wasm kernels, replacing the backend's own where it has one (kept, for
 * `uninstallWasmFixups`). Idempotent. Returns the kernel names installed.
 */
export function installWasmFixups(): string[] {
  const names: string[] = [];
  for (const config of WASM_KERNEL_FIXUPS) {
    if (!originals.has(config.kernelName)) {
      const existing = getKernel(config.kernelName, 'wasm');
      originals.set(config.kernelName, existing);
      if (existing !== undefined) unregisterKernel(config.kernelName, 'wasm');
      registerKernel(config.make(existing));
    }
    names.push(config.kernelName);
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
