export { initBackend, requireBackend, shutdownBackend, ENGINE_ORDER } from './init-backend';
export type { BackendInfo, EngineAttempt, EngineName, InitBackendOptions } from './init-backend';
export { BackendError } from './errors';
export { installWasmFixups, uninstallWasmFixups, WASM_KERNEL_FIXUPS } from './kernel-registry';
export type { KernelFixup } from './kernel-registry';
export { measureSimdPeak } from './wasm/simd/simd-peak';
export type { SimdPeak } from './wasm/simd/simd-peak';
