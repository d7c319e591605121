import * as tf from '@tensorflow/tfjs-core';
import { BackendError } from './errors';
import { startKernelWorkers, stopKernelWorkers, kernelWorkers } from './parallel/pool';
import { installWasmFixups } from './kernel-registry';

/** The engines dlkit can run on, fastest first. */
export type EngineName = 'tfjs-node-gpu' | 'tfjs-node' | 'wasm' | 'cpu';

/** The default order in which engines are tried. */
export const ENGINE_ORDER: readonly EngineName[] = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'];

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /**
   * Engine(s) to try first, in this order; the others follow in the default order unless `strict` is set.
   * Default: the fastest available (`ENGINE_ORDER`).
   */
  prefer?: EngineName | readonly EngineName[];
  /** Only try the engines in `prefer`; fail with a `BackendError` if none loads. Default false. */
  strict?: boolean;
  /**
   * Threads the wasm engine computes on (Node only): big convolutions and matrix products are split over
   * the batch between the main thread and `threads − 1` kernel workers. Default: the number of cores
   * (`os.availableParallelism()`), at most 8. `1` keeps everything on the main thread. Ignored by tfjs-node,
   * which manages its own threads.
   */
  threads?: number;
}

/** What happened when one engine was tried. */
export interface EngineAttempt {
  readonly engine: EngineName;
  readonly ok: boolean;
  /** Why it was (not) chosen, e.g. "not installed". */
  readonly reason: string;
}

/** The engine chosen by {@link initBackend} and why. */
export interface BackendInfo {
  /** The engine in use. */
  readonly engine: EngineName;
  /** The tfjs backend name (`tf.getBackend()`): 'tensorflow', 'wasm' or 'cpu'. */
  readonly backend: string;
  /** One line saying what was chosen and why the faster ones were not. */
  readonly reason: string;
  /** Every engine tried, in order. */
  readonly attempts: readonly EngineAttempt[];
  /** Kernels dlkit installed on this engine (wasm only). */
  readonly kernels: readonly string[];
  /** Threads dlkit's wasm kernels use (1 when no kernel worker runs). */
  readonly threads: number;
}

const TFJS_BACKEND: Record<EngineName, string> = {
  'tfjs-node-gpu': 'tensorflow',
  'tfjs-node': 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

function isNotInstalled(err: unknown, specifier: string): boolean {
  const e = err as { code?: string; message?: string };
  // The package itself must be the missing module ('@tensorflow/tfjs-node', quoted). A missing file inside an
  // installed package (its native binding, '…/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node', after a
  // failed install) is a load failure whose message is the reason to report.
  if (typeof e?.message !== 'string' || !(e.message.includes(`'${specifier}'`) || e.message.includes(`"${specifier}"`)))
    return false;
  // Node sets a code; bundlers' loaders (vite, webpack) only say so in words.
  return (
    e.code === 'ERR_MODULE_NOT_FOUND' ||
    e.code === 'MODULE_NOT_FOUND' ||
    /cannot find|could not resolve|not installed/i.test(e.message)
  );
}

// Specifiers are held in variables so bundlers leave the optional peers alone.
const SPECIFIER: Record<EngineName, string> = {
  'tfjs-node-gpu': '@tensorflow/tfjs-node-gpu',
  'tfjs-node': '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

async function load(engine: EngineName): Promise<void> {
  const specifier = SPECIFIER[engine];
  await import(/* @vite-ignore */ specifier);
}

async function tryEngine(engine: EngineName): Promise<EngineAttempt & { kernels?: string[] }> {
  try {
    await load(engine);
  } catch (err) {
    if (isNotInstalled(err, SPECIFIER[engine])) return { engine, ok: false, reason: `${SPECIFIER[engine]} not installed` };
    // The first line says why (Node appends its require stack on the next lines).
    const why = String((err as Error)?.message ?? err).split('\n')[0];
    return { engine, ok: false, reason: `${SPECIFIER[engine]} failed to load: ${why}` };
  }
  const name = TFJS_BACKEND[engine];
  if (tf.findBackendFactory(name) === null && tf.findBackend(name) === null) {
    return { engine, ok: false, reason: `${SPECIFIER[engine]} loaded but registered no '${name}' backend` };
  }
  let ok: boolean;
  try {
    ok = await tf.setBackend(name);
  } catch (err) {
    return { engine, ok: false, reason: `backend '${name}' failed to initialise: ${(err as Error).message}` };
  }
  if (!ok) return { engine, ok: false, reason: `backend '${name}' failed to initialise` };
  await tf.ready();
  const kernels = engine === 'wasm' ? installWasmFixups() : [];
  return { engine, ok: true, reason: `${SPECIFIER[engine]} loaded`, kernels };
}

async function defaultThreads(): Promise<number> {
  if (typeof process === 'undefined' || process.versions?.node === undefined) return 1;
  const os = await import('node:os');
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(8, cores));
}

/**
 * Throws a {@link BackendError} saying what to call when no TensorFlow.js engine has been chosen yet and none
 * is registered for tfjs to pick — where tfjs itself would fail later with a bare "No backend found in
 * registry". Never chooses an engine itself (a backend registered but not chosen is left to tfjs to pick).
 *
 * @param caller - the dlkit function about to use tfjs, named in the message.
 * @example
 * ```ts
 * import { initBackend, requireBackend } from '@dlkit/backend';
 * requireBackend('myApp');   // throws: call `await initBackend()` first
 * await initBackend();
 * requireBackend('myApp');   // passes
 * ```
 */
export function requireBackend(caller = 'this function'): void {
  if (tf.getBackend() || tf.engine().backendNames().length > 0) return;
  throw new BackendError(
    `${caller}: no TensorFlow.js engine is chosen yet. Call \`await initBackend()\` from '@dlkit/backend' first (in a browser: \`await initBrowserBackend()\` from '@dlkit/backend/browser')`,
    'backend',
    'no engine (tf.getBackend() is null and no backend is registered)',
    'an engine chosen by initBackend()',
    "await initBackend() from '@dlkit/backend'",
  );
}

/**
 * Stops dlkit's kernel workers (the wasm engine then computes on the main thread only). Workers never keep
 * a Node process alive, so calling this is optional; tests use it to start from a clean state.
 */
export async function shutdownBackend(): Promise<void> {
  await stopKernelWorkers();
}

/**
 * Chooses the fastest TensorFlow.js engine available and makes it the active backend:
 * `@tensorflow/tfjs-node-gpu`, then `@tensorflow/tfjs-node` (optional peers, used when installed), then the
 * wasm backend with dlkit's training kernels (always installed), then the pure-JS cpu backend.
 * This is the only place dlkit changes global tfjs state.
 *
 * @example
 * ```ts
 * import { initBackend } from '@dlkit/backend';
 * const info = await initBackend();
 * console.log(info.reason); // "wasm: @tensorflow/tfjs-node-gpu not installed; @tensorflow/tfjs-node not installed"
 * ```
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  // tfjs-core's node build ships without gradients; the layers and union packages bring them, a bare core does not.
  if (tf.getGradient('Conv2D') === undefined || !('reshape' in tf.Tensor.prototype)) await import('./register-gradients');
  const preferred: EngineName[] =
    options.prefer === undefined ? [] : typeof options.prefer === 'string' ? [options.prefer] : [...options.prefer];
  for (const engine of preferred) {
    if (!ENGINE_ORDER.includes(engine)) {
      throw new BackendError(
        `initBackend: unknown engine '${String(engine)}' in options.prefer; expected one of ${ENGINE_ORDER.join(', ')}`,
        'prefer',
        engine,
        ENGINE_ORDER.join(' | '),
      );
    }
  }
  const order =
    options.strict && preferred.length > 0 ? preferred : [...preferred, ...ENGINE_ORDER.filter((e) => !preferred.includes(e))];
  if (options.threads !== undefined && !(Number.isInteger(options.threads) && options.threads >= 1)) {
    throw new BackendError(
      `initBackend: options.threads must be a whole number ≥ 1, got ${String(options.threads)}`,
      'threads',
      options.threads,
      'integer >= 1',
    );
  }
  const attempts: EngineAttempt[] = [];
  for (const engine of order) {
    const attempt = await tryEngine(engine);
    attempts.push({ engine: attempt.engine, ok: attempt.ok, reason: attempt.reason });
    if (attempt.ok) {
      const skipped = attempts.filter((a) => !a.ok).map((a) => a.reason);
      let reason = skipped.length === 0 ? `${engine}: ${attempt.reason}` : `${engine}: ${skipped.join('; ')}`;
      let threads = 1;
      if (engine === 'wasm') {
        const wanted = options.threads ?? (await defaultThreads());
        try {
          if (wanted - 1 !== kernelWorkers().length) await startKernelWorkers(wanted - 1);
          threads = kernelWorkers().length + 1;
        } catch (err) {
          await stopKernelWorkers();
          reason += `; kernel workers not started (${(err as Error).message})`;
        }
      } else {
        await stopKernelWorkers();
      }
      return { engine, backend: tf.getBackend(), reason, attempts, kernels: attempt.kernels ?? [], threads };
    }
  }
  throw new BackendError(
    `initBackend: no engine could be started (${attempts.map((a) => `${a.engine}: ${a.reason}`).join('; ')})`,
    'prefer',
    options.prefer,
    ENGINE_ORDER.join(' | '),
  );
}
