// The browser entry (`@dlkit/backend/browser`): no Node API, no kernel workers.
export { initBrowserBackend, BROWSER_ENGINE_ORDER } from './init-browser-backend';
export type {
  BrowserBackendInfo,
  BrowserBackendOptions,
  BrowserEngineAttempt,
  BrowserEngineName,
  WasmBinaryName,
} from './init-browser-backend';
export { BackendError } from './errors';
export { installWasmFixups, uninstallWasmFixups, WASM_KERNEL_FIXUPS } from './kernel-registry';
export type { KernelFixup } from './kernel-registry';
