import '@tensorflow/tfjs-backend-webgl';
import { initBrowserBackend, type BrowserBackendInfo, type BrowserEngineName } from '@dlkit/backend/browser';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

/** The engine asked for by `?engine=webgl|wasm|cpu` in the page URL, or `undefined` for the default order. */
export function requestedEngine(search: string): BrowserEngineName | undefined {
  const v = new URLSearchParams(search).get('engine');
  if (v === null || v === '') return undefined;
  if (v !== 'webgl' && v !== 'wasm' && v !== 'cpu')
    throw new Error(`?engine= must be webgl, wasm or cpu, got ${JSON.stringify(v)}`);
  return v;
}

/**
 * Starts WebGL, falling back to wasm (binaries served by Vite from their hashed asset URLs) then cpu;
 * `?engine=…` forces one engine and fails rather than falling back.
 */
export function startEngine(search: string): Promise<BrowserBackendInfo> {
  const forced = requestedEngine(search);
  return initBrowserBackend({
    ...(forced ? { prefer: forced, strict: true } : { prefer: ['webgl', 'wasm'] }),
    wasmPaths: {
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
    },
  });
}
