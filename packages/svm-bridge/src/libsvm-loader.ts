import { createRequire } from 'node:module';

/** A message sink for libsvm's own output (optimisation steps, load warnings). */
export type LibsvmLogger = (message: string) => void;

/** @internal The subset of the emscripten module and libsvm-js class that svm-bridge uses. */
export interface LibsvmModule {
  print: (s: string) => void;
  printErr: (s: string) => void;
  load(): Promise<void>;
  cwrap(name: string, ret: string | null, args: string[]): (...a: unknown[]) => number;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
  HEAPF64: Float64Array;
}

/** @internal One libsvm-js model instance. */
export interface LibsvmInstance {
  train(samples: number[][], labels: number[]): void;
  predictOneProbability(sample: number[]): { prediction: number; estimates: { label: number; probability: number }[] };
  getLabels(): number[];
  serializeModel(): string;
  free(): void;
  model: number | null;
  problem?: number | null;
}

/** @internal The libsvm-js class, bound to one loaded wasm module. */
export interface LibsvmClass {
  new (options: Record<string, unknown>): LibsvmInstance;
  load(serialized: string): LibsvmInstance;
}

/** @internal What svm-bridge gets after loading: the class and the raw module with its fast entry points. */
export interface Libsvm {
  SVM: LibsvmClass;
  module: LibsvmModule;
  /** `create_svm_nodes(nSamples, nFeatures)` → problem pointer. */
  createProblem: (nSamples: number, nFeatures: number) => number;
  /** `add_instance(problem, bytesOfFloat64Row, nFeatures, label, index)`. */
  addInstance: (problem: number, row: Uint8Array, nFeatures: number, label: number, index: number) => void;
  /** `libsvm_train_problem(problem, command)` → model pointer. */
  trainProblem: (problem: number, command: string) => number;
  freeProblem: (problem: number) => void;
}

let loading: Promise<Libsvm> | undefined;
let sink: LibsvmLogger | undefined;

/**
 * Load the libsvm-js WebAssembly build, once per process. Its stdout/stderr printing is silenced;
 * pass a `logger` to receive libsvm's messages instead (training also needs `verbose: true` on the model).
 * Called for you by {@link SVC.fit} and {@link SVC.load}; call it yourself to pay the load cost up front.
 *
 * @example
 * ```ts
 * await loadLibsvm();                    // quiet
 * await loadLibsvm((m) => process.stderr.write(m + '\n')); // libsvm's messages to stderr
 * ```
 */
export async function loadLibsvm(logger?: LibsvmLogger): Promise<void> {
  await libsvmHandle(logger);
}

/** @internal {@link loadLibsvm}, returning what svm-bridge itself needs from the loaded module. */
export function libsvmHandle(logger?: LibsvmLogger): Promise<Libsvm> {
  if (logger !== undefined) sink = logger;
  if (!loading) {
    loading = (async () => {
      // Node's require, synchronously: the print hooks must be replaced before the wasm instantiation
      // settles (it reports a harmless streaming-compile fallback through printErr).
      const require = createRequire(import.meta.url);
      const module = require('libsvm-js/out/wasm/libsvm.js') as LibsvmModule;
      // The emscripten module reads these hooks at call time: route all printing to the opt-in sink.
      module.print = (s: string) => sink?.(s);
      module.printErr = (s: string) => sink?.(s);
      await module.load();
      const factory = require('libsvm-js/src/loadSVM.js') as (m: LibsvmModule) => LibsvmClass;
      const SVM = factory(module);
      return {
        SVM,
        module,
        createProblem: module.cwrap('create_svm_nodes', 'number', ['number', 'number']) as Libsvm['createProblem'],
        addInstance: module.cwrap('add_instance', null, [
          'number',
          'array',
          'number',
          'number',
          'number',
        ]) as unknown as Libsvm['addInstance'],
        trainProblem: module.cwrap('libsvm_train_problem', 'number', ['number', 'string']) as unknown as Libsvm['trainProblem'],
        freeProblem: module.cwrap('free_problem', null, ['number']) as unknown as Libsvm['freeProblem'],
      };
    })();
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}
