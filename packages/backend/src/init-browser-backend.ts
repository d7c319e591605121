import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from './errors';
import { installWasmFixups } from './kernel-registry';

/** The engines dlkit can run on in a browser, fastest first. */
export type BrowserEngineName = 'webgl' | 'wasm' | 'cpu';

/** The default order in which {@link initBrowserBackend} tries the browser engines. */
export const BROWSER_ENGINE_ORDER: readonly BrowserEngineName[] = ['webgl', 'wasm', 'cpu'];

/** The binaries `@tensorflow/tfjs-backend-wasm` fetches; it picks one by the browser's SIMD and thread support. */
export type WasmBinaryName = 'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm';

/** Options of {@link initBrowserBackend}. */
export interface BrowserBackendOptions {
  /** Engine(s) to try first, in this order; the others follow in `BROWSER_ENGINE_ORDER` unless `strict` is set. */
  prefer?: BrowserEngineName | readonly BrowserEngineName[];
  /** Only try the engines in `prefer`; fail with a `BackendError` if none starts. Default false. */
  strict?: boolean;
  /**
   * Where the wasm engine fetches its binaries (passed to tfjs' `setWasmPaths` before the engine starts):
   * a URL prefix ending in `/` under which the three `.wasm` files are served, or one URL per file (e.g. the
   * URLs a bundler gives for `…/dist/tfjs-backend-wasm.wasm?url`). Bundlers do not copy these files by
   * themselves, so set this whenever the wasm engine may be tried. Default: tfjs' own (next to its script).
   */
  wasmPaths?: string | Partial<Record<WasmBinaryName, string>>;
}

/** What happened when one browser engine was tried. */
export interface BrowserEngineAttempt {
  readonly engine: BrowserEngineName;
  readonly ok: boolean;
  /** Why it was (not) chosen, e.g. "no WebGL context". */
  readonly reason: string;
}

/** The engine chosen by {@link initBrowserBackend} and why. */
export interface BrowserBackendInfo {
  /** The engine in use. */
  readonly engine: BrowserEngineName;
  /** The tfjs backend name (`tf.getBackend()`). */
  readonly backend: string;
  /** One line saying what was chosen and why the faster ones were not. */
  readonly reason: string;
  /** Every engine tried, in order. */
  readonly attempts: readonly BrowserEngineAttempt[];
  /** Kernels dlkit installed on this engine (wasm only: the training kernels, computed on the calling thread). */
  readonly kernels: readonly string[];
  /** Threads of dlkit's kernels: always 1 (no kernel workers in a browser; tfjs' wasm may still use its own). */
  readonly threads: 1;
}

async function prepare(engine: BrowserEngineName, options: BrowserBackendOptions): Promise<string | undefined> {
  if (engine === 'webgl') {
    // dlkit does not depend on the webgl backend; the application brings it by importing it.
    if (tf.findBackendFactory('webgl') === null && tf.findBackend('webgl') === null) {
      return "@tensorflow/tfjs-backend-webgl not imported (add `import '@tensorflow/tfjs-backend-webgl'` to the app)";
    }
    return undefined;
  }
  try {
    if (engine === 'wasm') {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      if (options.wasmPaths !== undefined) wasm.setWasmPaths(options.wasmPaths);
    } else {
      await import('@tensorflow/tfjs-backend-cpu');
    }
  } catch (err) {
    return `@tensorflow/tfjs-backend-${engine} failed to load: ${(err as Error).message}`;
  }
  return undefined;
}

async function tryEngine(
  engine: BrowserEngineName,
  options: BrowserBackendOptions,
): Promise<BrowserEngineAttempt & { kernels?: string[] }> {
  const missing = await prepare(engine, options);
  if (missing !== undefined) return { engine, ok: false, reason: missing };
  let ok: boolean;
  try {
    ok = await tf.setBackend(engine);
    if (ok) await tf.ready();
  } catch (err) {
    return { engine, ok: false, reason: `backend '${engine}' failed to initialise: ${(err as Error).message}` };
  }
  if (!ok) {
    const why =
      engine === 'webgl'
        ? 'no WebGL context'
        : engine === 'wasm'
          ? 'the wasm binary could not be fetched or compiled (see options.wasmPaths)'
          : 'unknown';
    return { engine, ok: false, reason: `backend '${engine}' failed to initialise (${why})` };
  }
  const kernels = engine === 'wasm' ? installWasmFixups() : [];
  return { engine, ok: true, reason: `${engine} started`, kernels };
}

/**
 * The browser counterpart of `initBackend`: makes the fastest browser engine the active tfjs backend —
 * WebGL when the application imported `@tensorflow/tfjs-backend-webgl` and the page gets a WebGL context,
 * then wasm (with dlkit's training kernels, binaries fetched from `wasmPaths`), then the pure-JS cpu backend.
 * Starts no worker and touches no Node API, so it bundles for the web (import it from `@dlkit/backend/browser`).
 * It also runs under Node, where WebGL is never registered.
 *
 * @example
 * ```ts
 * import '@tensorflow/tfjs-backend-webgl';
 * import { initBrowserBackend } from '@dlkit/backend/browser';
 * const info = await initBrowserBackend({ wasmPaths: 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-backend-wasm@4.22.0/dist/' });
 * document.title = info.engine; // 'webgl', or 'wasm' where WebGL is unavailable
 * ```
 */
export async function initBrowserBackend(options: BrowserBackendOptions = {}): Promise<BrowserBackendInfo> {
  if (tf.getGradient('Conv2D') === undefined || !('reshape' in tf.Tensor.prototype)) await import('./register-gradients');
  const preferred: BrowserEngineName[] =
    options.prefer === undefined ? [] : typeof options.prefer === 'string' ? [options.prefer] : [...options.prefer];
  for (const engine of preferred) {
    if (!BROWSER_ENGINE_ORDER.includes(engine)) {
      throw new BackendError(
        `initBrowserBackend: unknown engine '${String(engine)}' in options.prefer; expected one of ${BROWSER_ENGINE_ORDER.join(', ')}`,
        'prefer',
        engine,
        BROWSER_ENGINE_ORDER.join(' | '),
      );
    }
  }
  if (
    options.wasmPaths !== undefined &&
    typeof options.wasmPaths !== 'string' &&
    (typeof options.wasmPaths !== 'object' || options.wasmPaths === null)
  ) {
    throw new BackendError(
      `initBrowserBackend: options.wasmPaths must be a URL prefix or a map of file name to URL, got ${String(options.wasmPaths)}`,
      'wasmPaths',
      options.wasmPaths,
      "string | { 'tfjs-backend-wasm.wasm'?: string, … }",
    );
  }
  const order =
    options.strict && preferred.length > 0
      ? preferred
      : [...preferred, ...BROWSER_ENGINE_ORDER.filter((e) => !preferred.includes(e))];
  const attempts: BrowserEngineAttempt[] = [];
  for (const engine of order) {
    const attempt = await tryEngine(engine, options);
    attempts.push({ engine: attempt.engine, ok: attempt.ok, reason: attempt.reason });
    if (attempt.ok) {
      const skipped = attempts.filter((a) => !a.ok).map((a) => a.reason);
      const reason = skipped.length === 0 ? `${engine}: ${attempt.reason}` : `${engine}: ${skipped.join('; ')}`;
      return { engine, backend: tf.getBackend(), reason, attempts, kernels: attempt.kernels ?? [], threads: 1 };
    }
  }
  throw new BackendError(
    `initBrowserBackend: no engine could be started (${attempts.map((a) => `${a.engine}: ${a.reason}`).join('; ')})`,
    'prefer',
    options.prefer,
    BROWSER_ENGINE_ORDER.join(' | '),
  );
}
