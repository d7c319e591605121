import { resolveClassWeight, type ClassWeightOption } from './class-weight';
import { SvmBridgeError, describe } from './errors';
import { resolveGamma, type GammaOption } from './gamma';
import { formatLibsvmModel, parseLibsvmModel, pairwiseDecision, type KernelModel, type KernelName } from './kernel-model';
import { libsvmHandle, type Libsvm, type LibsvmInstance, type LibsvmLogger } from './libsvm-loader';
import { checkDecisionValues, checkSolution } from './finite-checks';
import { checkLabels, checkMatrix, uniqueClasses, type FeatureMatrix, type Labels } from './matrix';
import { SavedFields, readModelFile, writeModelFile } from './model-file';
import { trainSmo } from './smo-train';

/** Options of {@link SVC}; defaults follow scikit-learn's `SVC`. */
export interface SVCOptions {
  /** Kernel function. Default `'rbf'`. */
  kernel?: KernelName;
  /** Penalty parameter C (> 0). Default 1. */
  C?: number;
  /** Kernel coefficient for rbf/poly/sigmoid. Default `'scale'`. */
  gamma?: GammaOption;
  /** Degree of the polynomial kernel. Default 3. */
  degree?: number;
  /** Independent term of the poly/sigmoid kernels. Default 0. */
  coef0?: number;
  /** Stopping tolerance of libsvm's solver. Default 1e-3. */
  tol?: number;
  /** Kernel cache size in MB. Default 200. */
  cacheSize?: number;
  /** Per-class multipliers of C, or `'balanced'`. Default: all 1. */
  classWeight?: ClassWeightOption;
  /** Train libsvm's Platt-scaling models so that {@link SVC.predictProbability} works (5× slower fit). Default false. */
  probability?: boolean;
  /** `'ovo'` (libsvm's one-vs-one, default) or `'ovr'` (one binary machine per class). */
  multiclass?: 'ovo' | 'ovr';
  /** libsvm's shrinking heuristic. Default true. */
  shrinking?: boolean;
  /**
   * Training solver. `'smo'` (default): libsvm's SMO algorithm (second-order working-set selection,
   * shrinking, kernel cache) written in TypeScript, several times faster than the wasm build.
   * `'libsvm'`: train in libsvm-js. Probability estimates (`probability: true`) always train in libsvm-js,
   * which fits the Platt models with its internal 5-fold cross-validation.
   */
  solver?: 'smo' | 'libsvm';
  /** Receive the solver's messages (one line per binary machine). Default: silent. */
  logger?: LibsvmLogger;
}

/** The options of a fitted or loaded {@link SVC}, every default filled in (`svc.options`). */
export type ResolvedSVCOptions = Required<Omit<SVCOptions, 'logger' | 'classWeight'>> & { classWeight?: ClassWeightOption };

const KERNELS: readonly KernelName[] = ['linear', 'rbf', 'poly', 'sigmoid'];
const LIBSVM_KERNEL: Record<KernelName, number> = { linear: 0, poly: 1, rbf: 2, sigmoid: 3 };
const FORMAT = 'dlkit-svm-bridge/svc';

function positive(name: string, v: unknown, integer = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0) || (integer && !Number.isInteger(v))) {
    throw new SvmBridgeError(`options.${name}`, describe(v), integer ? 'a positive integer' : 'a positive finite number');
  }
  return v;
}

function resolveOptions(o: SVCOptions): ResolvedSVCOptions {
  const kernel = o.kernel ?? 'rbf';
  if (!KERNELS.includes(kernel)) throw new SvmBridgeError('options.kernel', describe(kernel), `one of ${KERNELS.join(', ')}`);
  const multiclass = o.multiclass ?? 'ovo';
  if (multiclass !== 'ovo' && multiclass !== 'ovr')
    throw new SvmBridgeError('options.multiclass', describe(multiclass), "'ovo' or 'ovr'");
  const solver = o.solver ?? 'smo';
  if (solver !== 'smo' && solver !== 'libsvm') throw new SvmBridgeError('options.solver', describe(solver), "'smo' or 'libsvm'");
  const gamma = o.gamma ?? 'scale';
  if (typeof gamma === 'number') positive('gamma', gamma);
  else if (gamma !== 'scale' && gamma !== 'auto')
    throw new SvmBridgeError('options.gamma', describe(gamma), "a positive number, 'scale' or 'auto'");
  const coef0 = o.coef0 ?? 0;
  if (typeof coef0 !== 'number' || !Number.isFinite(coef0))
    throw new SvmBridgeError('options.coef0', describe(coef0), 'a finite number');
  return {
    kernel,
    C: positive('C', o.C ?? 1),
    gamma,
    degree: positive('degree', o.degree ?? 3, true),
    coef0,
    tol: positive('tol', o.tol ?? 1e-3),
    cacheSize: positive('cacheSize', o.cacheSize ?? 200),
    classWeight: o.classWeight,
    probability: o.probability ?? false,
    multiclass,
    shrinking: o.shrinking ?? true,
    solver,
  };
}

interface SavedSVC {
  format: typeof FORMAT;
  version: 1;
  options: ResolvedSVCOptions;
  gamma: number;
  classes: number[];
  nFeatures: number;
  models: string[];
}

/**
 * C-support vector classifier. Training uses libsvm's SMO algorithm written in TypeScript (default,
 * `solver: 'smo'`) or the libsvm-js WebAssembly build (`solver: 'libsvm'`, and always for `probability: true`);
 * prediction and decision values are computed in TypeScript from the support vectors, over typed arrays.
 * Multiclass: libsvm's one-vs-one (default) or one-vs-rest.
 *
 * Reference: C.-C. Chang and C.-J. Lin, "LIBSVM: a library for support vector machines", ACM TIST 2011.
 *
 * @example
 * ```ts
 * const X = { data: new Float32Array([0, 0, 1, 1, 1, 0, 0, 1]), rows: 4, cols: 2 };
 * const svc = await new SVC({ kernel: 'rbf', C: 10, gamma: 1 }).fit(X, new Int32Array([0, 0, 1, 1]));
 * svc.predict(X);            // Int32Array [0, 0, 1, 1]
 * const text = svc.save();   // later: await SVC.load(text)
 * ```
 */
export class SVC {
  /** The options with defaults filled in. */
  readonly options: Readonly<ResolvedSVCOptions>;
  private readonly logger?: LibsvmLogger;
  private lib?: Libsvm;
  private models: KernelModel[] = [];
  /** libsvm model texts; written lazily from `models` for the TypeScript solver. */
  private texts?: string[];
  private probabilityModels?: LibsvmInstance[];
  private fitted?: { classes: Int32Array; nFeatures: number; gamma: number };

  constructor(options: SVCOptions = {}) {
    this.options = resolveOptions(options);
    this.logger = options.logger;
  }

  /** Sorted class labels seen by {@link SVC.fit}. */
  get classes(): Int32Array {
    return this.state().classes.slice();
  }

  /** Feature width seen by {@link SVC.fit}. */
  get nFeatures(): number {
    return this.state().nFeatures;
  }

  /** The numeric gamma used (after resolving `'scale'`/`'auto'`). */
  get gamma(): number {
    return this.state().gamma;
  }

  /** Number of support vectors (summed over the binary machines for one-vs-rest). */
  get supportVectorCount(): number {
    this.state();
    return this.models.reduce((n, m) => n + m.totalSV, 0);
  }

  private state(): { classes: Int32Array; nFeatures: number; gamma: number } {
    if (!this.fitted)
      throw new SvmBridgeError(
        'this',
        'an unfitted SVC',
        'a fitted model',
        'Call `await svc.fit(X, y)` or `await SVC.load(text)` first',
      );
    return this.fitted;
  }

  /**
   * Train on `X` (`rows × cols`) and integer labels `y`. Resolves to `this`.
   * Throws {@link SvmBridgeError} before libsvm runs for non-finite values, ragged data or a single class.
   */
  async fit(X: FeatureMatrix, y: Labels): Promise<this> {
    checkMatrix(X, 'X');
    const labels = checkLabels(y, X.rows);
    const classes = uniqueClasses(labels);
    const weights = resolveClassWeight(this.options.classWeight, classes, labels);
    const gamma = resolveGamma(this.options.gamma, X);
    const o = this.options;
    this.dispose();
    if (o.solver === 'smo' && !o.probability) {
      const { models } = trainSmo(X, labels, classes, { ...o, gamma, weights, logger: this.logger });
      checkModels(models);
      this.models = models;
      this.texts = undefined;
      this.fitted = { classes, nFeatures: X.cols, gamma };
      return this;
    }
    const lib = await libsvmHandle(this.logger);
    this.lib = lib;
    const base = `-s 0 -t ${LIBSVM_KERNEL[o.kernel]} -c ${o.C} -g ${gamma} -d ${o.degree} -r ${o.coef0} -e ${o.tol} -m ${o.cacheSize} -h ${o.shrinking ? 1 : 0} -b ${o.probability ? 1 : 0}${this.logger ? '' : ' -q 1'}`;
    const texts: string[] = [];
    if (o.multiclass === 'ovo' || classes.length === 2) {
      let cmd = base;
      classes.forEach((c, k) => {
        if (weights[k] !== 1) cmd += ` -w${c} ${weights[k]}`;
      });
      texts.push(trainText(lib, X, labels, cmd));
    } else {
      const binary = new Int32Array(labels.length);
      for (let k = 0; k < classes.length; k++) {
        for (let i = 0; i < labels.length; i++) binary[i] = labels[i] === classes[k] ? 1 : -1;
        const cmd = weights[k] !== 1 ? `${base} -w1 ${weights[k]}` : base;
        texts.push(trainText(lib, X, binary, cmd));
      }
    }
    const models = texts.map((t) => parseLibsvmModel(t, X.cols, { trained: true }));
    checkModels(models);
    this.texts = texts;
    this.models = models;
    this.fitted = { classes, nFeatures: X.cols, gamma };
    return this;
  }

  /** Score per class for one-vs-rest, `rows × nClasses`. */
  private ovrScores(X: FeatureMatrix): Float64Array {
    const K = this.models.length;
    const out = new Float64Array(X.rows * K);
    this.models.forEach((m, k) => {
      const d = pairwiseDecision(m, X);
      const sign = m.labels[0] === 1 ? 1 : -1;
      for (let r = 0; r < X.rows; r++) out[r * K + k] = sign * d[r];
    });
    checkDecisionValues(out, X.rows, K);
    return out;
  }

  /** Pairwise values over sorted classes (pairs (0,1),(0,2),…,(1,2),…), positive favouring the first class. */
  private ovoScores(X: FeatureMatrix): Float64Array {
    const m = this.models[0];
    const { classes } = this.state();
    const K = classes.length;
    const nPairs = (K * (K - 1)) / 2;
    const raw = pairwiseDecision(m, X);
    checkDecisionValues(raw, X.rows, nPairs);
    const pos = Array.from(classes, (c) => m.labels.indexOf(c)); // libsvm position of each sorted class
    // Map each sorted pair p = (i < j) to libsvm's pair index (its label order is first-seen) and sign.
    const map = new Int32Array(nPairs);
    const sign = new Float64Array(nPairs);
    let p = 0;
    for (let i = 0; i < K; i++) {
      for (let j = i + 1; j < K; j++, p++) {
        const a = pos[i];
        const b = pos[j];
        const lo = Math.min(a, b);
        const hi = Math.max(a, b);
        map[p] = lo * K - (lo * (lo + 1)) / 2 + (hi - lo - 1);
        sign[p] = a < b ? 1 : -1;
      }
    }
    const out = new Float64Array(X.rows * nPairs);
    for (let r = 0; r < X.rows; r++) for (let q = 0; q < nPairs; q++) out[r * nPairs + q] = sign[q] * raw[r * nPairs + map[q]];
    return out;
  }

  /**
   * Decision values. One-vs-one: `rows × K(K-1)/2`, pairs (0,1), (0,2), …, (1,2), … over {@link SVC.classes},
   * positive favouring the first class of the pair (scikit-learn's `decision_function_shape='ovo'`);
   * for two classes a single column where positive favours `classes[1]`, as scikit-learn.
   * One-vs-rest: `rows × K`, one score per class.
   *
   * @example
   * ```ts
   * const { data, rows, cols } = svc.decisionFunction(Xtest);
   * ```
   */
  decisionFunction(X: FeatureMatrix): { data: Float64Array; rows: number; cols: number } {
    const { classes, nFeatures } = this.state();
    checkMatrix(X, 'X', nFeatures);
    const K = classes.length;
    if (this.options.multiclass === 'ovr' && K > 2) return { data: this.ovrScores(X), rows: X.rows, cols: K };
    const data = this.ovoScores(X);
    if (K === 2) for (let i = 0; i < data.length; i++) data[i] = -data[i];
    return { data, rows: X.rows, cols: (K * (K - 1)) / 2 };
  }

  /**
   * Predicted labels. One-vs-one votes with ties going to the smallest label (as scikit-learn);
   * one-vs-rest takes the highest score.
   *
   * @example
   * ```ts
   * const yPred = svc.predict(Xtest); // Int32Array(Xtest.rows)
   * ```
   */
  predict(X: FeatureMatrix): Int32Array {
    const { classes, nFeatures } = this.state();
    checkMatrix(X, 'X', nFeatures);
    const K = classes.length;
    const out = new Int32Array(X.rows);
    if (this.options.multiclass === 'ovr' && K > 2) {
      const s = this.ovrScores(X);
      for (let r = 0; r < X.rows; r++) {
        let best = 0;
        for (let k = 1; k < K; k++) if (s[r * K + k] > s[r * K + best]) best = k;
        out[r] = classes[best];
      }
      return out;
    }
    const nPairs = (K * (K - 1)) / 2;
    const d = this.ovoScores(X);
    const votes = new Int32Array(K);
    for (let r = 0; r < X.rows; r++) {
      votes.fill(0);
      let p = 0;
      for (let i = 0; i < K; i++) for (let j = i + 1; j < K; j++, p++) votes[d[r * nPairs + p] > 0 ? i : j]++;
      let best = 0;
      for (let k = 1; k < K; k++) if (votes[k] > votes[best]) best = k;
      out[r] = classes[best];
    }
    return out;
  }

  /**
   * Class probabilities, `rows × K` in the order of {@link SVC.classes}. Needs `probability: true` at fit time.
   * One-vs-one uses libsvm's pairwise coupling; one-vs-rest normalises each machine's Platt probability.
   *
   * @example
   * ```ts
   * const svc = await new SVC({ probability: true }).fit(X, y);
   * const { data } = svc.predictProbability(Xtest); // data[r * K + k] = P(classes[k] | row r)
   * ```
   */
  predictProbability(X: FeatureMatrix): { data: Float64Array; rows: number; cols: number } {
    const { classes, nFeatures } = this.state();
    checkMatrix(X, 'X', nFeatures);
    if (!this.options.probability || !this.lib) {
      throw new SvmBridgeError(
        'options.probability',
        describe(this.options.probability),
        'true at fit time',
        'Refit with `new SVC({ probability: true, … })`',
      );
    }
    const lib = this.lib;
    const texts = this.modelTexts();
    this.probabilityModels ??= texts.map((t) => lib.SVM.load(t));
    const K = classes.length;
    const out = new Float64Array(X.rows * K);
    const row = new Array<number>(nFeatures);
    const ovr = this.options.multiclass === 'ovr' && K > 2;
    for (let r = 0; r < X.rows; r++) {
      for (let f = 0; f < nFeatures; f++) row[f] = X.data[r * nFeatures + f];
      if (!ovr) {
        for (const e of this.probabilityModels[0].predictOneProbability(row).estimates)
          out[r * K + classes.indexOf(e.label)] = e.probability;
      } else {
        let sum = 0;
        this.probabilityModels.forEach((pm, k) => {
          const est = pm.predictOneProbability(row).estimates.find((e) => e.label === 1);
          out[r * K + k] = est ? est.probability : 0;
          sum += out[r * K + k];
        });
        for (let k = 0; k < K; k++) out[r * K + k] = sum > 0 ? out[r * K + k] / sum : 1 / K;
      }
    }
    return { data: out, rows: X.rows, cols: K };
  }

  /**
   * Serialise the trained model (options, classes and libsvm's model text) to a string. To write it to a
   * file, use {@link SVC.saveFile} (atomic: a crash never leaves half a model).
   *
   * @example
   * ```ts
   * const text = svc.save();
   * const again = await SVC.load(text);
   * ```
   */
  save(): string {
    const { classes, nFeatures, gamma } = this.state();
    const saved: SavedSVC = {
      format: FORMAT,
      version: 1,
      options: { ...this.options },
      gamma,
      classes: Array.from(classes),
      nFeatures,
      models: this.modelTexts(),
    };
    return JSON.stringify(saved);
  }

  /**
   * Writes {@link SVC.save}'s text to `path` atomically (temporary file, fsync, rename; `writeFileAtomic` of
   * `@dlkit/core/node`): a process killed while saving leaves the previous file whole. Node only.
   *
   * @example
   * ```ts
   * await svc.saveFile('models/svc.json');
   * const again = await SVC.loadFile('models/svc.json');
   * ```
   */
  async saveFile(path: string): Promise<void> {
    await writeModelFile(path, this.save());
  }

  private modelTexts(): string[] {
    this.texts ??= this.models.map(formatLibsvmModel);
    return this.texts;
  }

  /**
   * Restore a model written by {@link SVC.save}. Predictions are identical to the saved model's.
   *
   * @example
   * ```ts
   * const svc = await SVC.load(text);
   * ```
   */
  static async load(text: string, logger?: LibsvmLogger): Promise<SVC> {
    return SVC.fromText(text, logger, undefined);
  }

  /**
   * Restore a model written by {@link SVC.saveFile}. Every field and number is checked: a truncated,
   * corrupt or hand-edited file gives an {@link SvmBridgeError} naming the file and the field.
   *
   * @example
   * ```ts
   * const svc = await SVC.loadFile('models/svc.json');
   * ```
   */
  static async loadFile(path: string, logger?: LibsvmLogger): Promise<SVC> {
    return SVC.fromText(await readModelFile(path, 'SVC.saveFile()'), logger, path);
  }

  private static async fromText(text: string, logger: LibsvmLogger | undefined, file: string | undefined): Promise<SVC> {
    const f: SavedFields = new SavedFields(file);
    const saved = f.parse(text, 'SVC.save()', FORMAT);
    const options = f.options(saved.options, (o: SVCOptions) => resolveOptions(o));
    const gamma = f.positiveFinite('text.gamma', saved.gamma);
    const classes = f.classes('text.classes', saved.classes);
    const nFeatures = f.positiveInt('text.nFeatures', saved.nFeatures);
    const K = classes.length;
    const ovr = options.multiclass === 'ovr' && K > 2;
    const texts = saved.models;
    const nModels = ovr ? K : 1;
    if (!Array.isArray(texts) || texts.length !== nModels) {
      f.fail(
        'text.models',
        describe(texts),
        `${nModels} model${nModels === 1 ? ` (one-vs-one)` : `s (one-vs-rest, one per class)`}`,
      );
    }
    const models = texts.map((t, i) => {
      const field = `text.models[${i}]`;
      if (typeof t !== 'string') f.fail(field, describe(t), 'a libsvm model string');
      const m = parseLibsvmModel(t, nFeatures, { field, file });
      const want = ovr ? Int32Array.of(1, -1) : classes;
      const got = Array.from(m.labels).sort((a, b) => a - b);
      if (
        got.length !== want.length ||
        Array.from(want)
          .sort((a, b) => a - b)
          .some((c, k) => c !== got[k])
      ) {
        f.fail(`${field}.label`, `[${Array.from(m.labels).join(', ')}]`, `the classes [${Array.from(want).join(', ')}]`);
      }
      if (m.kernel !== options.kernel)
        f.fail(`${field}.kernel_type`, describe(m.kernel), `"${options.kernel}", as text.options.kernel`);
      if (m.kernel !== 'linear' && m.gamma !== gamma) f.fail(`${field}.gamma`, String(m.gamma), `${gamma}, as text.gamma`);
      if (options.probability && (!m.probA || !m.probB))
        f.fail(`${field}.probA`, 'undefined', 'Platt coefficients (the model was saved with probability: true)');
      return m;
    });
    const svc = new SVC({ ...options, logger });
    if (svc.options.probability) svc.lib = await libsvmHandle(logger);
    svc.texts = texts as string[];
    svc.models = models;
    svc.fitted = { classes, nFeatures, gamma };
    return svc;
  }

  /** Free the wasm memory held for probability estimates. The model stays usable. */
  dispose(): void {
    this.probabilityModels?.forEach((m) => m.free());
    this.probabilityModels = undefined;
  }
}

/** Every coefficient and intercept of freshly trained machines must be finite (scikit-learn checks the same). */
function checkModels(models: readonly KernelModel[]): void {
  models.forEach((m, k) =>
    checkSolution([
      { name: `machine ${k} intercept rho`, values: m.rho },
      { name: `machine ${k} dual coefficient`, values: m.svCoef },
    ]),
  );
}

/** Train one libsvm problem straight from typed arrays and return libsvm's model text; frees all wasm memory. */
function trainText(lib: Libsvm, X: FeatureMatrix, labels: Int32Array, command: string): string {
  const { rows, cols, data } = X;
  const problem = lib.createProblem(rows, cols);
  const row = new Float64Array(cols);
  const bytes = new Uint8Array(row.buffer);
  const holder = new lib.SVM({});
  try {
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) row[c] = data[r * cols + c];
      lib.addInstance(problem, bytes, cols, labels[r], r);
    }
    holder.problem = problem;
    holder.model = lib.trainProblem(problem, command);
    return holder.serializeModel();
  } finally {
    holder.free(); // frees the model and the problem
  }
}
