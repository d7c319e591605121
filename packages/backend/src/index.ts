export { initBackend, requireBackend, shutdownBackend, ENGINE_ORDER } from './init-backend';
export type { BackendInfo, EngineAttempt, EngineName, InitBackendOptions } from './init-backend';
export { BackendError } from './errors';
export { installWasmFixups, uninstallWasmFixups, WASM_KERNEL_FIXUPS } from './wasm/fixups';
export type { KernelFixup } from './wasm/fixups';
