import { resolveClassWeight, type ClassWeightOption } from './class-weight.js';
import { SvmBridgeError, describe } from './errors.js';
import { checkLabels, checkMatrix, uniqueClasses, type FeatureMatrix, type Labels } from './matrix.js';
import { mulberry32 } from './random.js';

/** Options of {@link LinearSVC}; defaults follow scikit-learn's `LinearSVC` (liblinear, dual). */
export interface LinearSVCOptions {
  /** Penalty parameter C (> 0). Default 1. */
  C?: number;
  /** `'squared_hinge'` (default, L2-loss) or `'hinge'` (L1-loss). Both L2-regularised. */
  loss?: 'hinge' | 'squared_hinge';
  /** Stopping tolerance on the projected-gradient gap. Default 1e-4. */
  tol?: number;
  /** Maximum passes over the data per binary problem. Default 1000. */
  maxIter?: number;
  /** Learn an intercept (as liblinear: an extra constant feature, regularised). Default true. */
  fitIntercept?: boolean;
  /** Value of the constant feature. Default 1. */
  interceptScaling?: number;
  /** Per-class multipliers of C for the positive side of each one-vs-rest problem, or `'balanced'`. */
  classWeight?: ClassWeightOption;
  /** Seed of the coordinate order shuffle. Default 0. */
  seed?: number;
}

type Resolved = Required<Omit<LinearSVCOptions, 'classWeight'>> & { classWeight?: ClassWeightOption };
const FORMAT = 'dlkit-svm-bridge/linear-svc';

function resolve(o: LinearSVCOptions): Resolved {
  const pos = (name: string, v: number, int = false) => {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v) || (int && !Number.isInteger(v))) {
      throw new SvmBridgeError(`options.${name}`, describe(v), int ? 'a positive integer' : 'a positive finite number');
    }
    return v;
  };
  const loss = o.loss ?? 'squared_hinge';
  if (loss !== 'hinge' && loss !== 'squared_hinge') throw new SvmBridgeError('options.loss', describe(loss), "'hinge' or 'squared_hinge'");
  return {
    C: pos('C', o.C ?? 1),
    loss,
    tol: pos('tol', o.tol ?? 1e-4),
    maxIter: pos('maxIter', o.maxIter ?? 1000, true),
    fitIntercept: o.fitIntercept ?? true,
    interceptScaling: pos('interceptScaling', o.interceptScaling ?? 1),
    classWeight: o.classWeight,
    seed: o.seed ?? 0,
  };
}

/**
 * Linear support vector classifier trained by dual coordinate descent (liblinear's
 * `solve_l2r_l1l2_svc`, with shrinking), one-vs-rest for more than two classes. Pure TypeScript over
 * typed arrays: use it for large feature matrices where a kernel solver crawls.
 *
 * Reference: C.-J. Hsieh et al., "A Dual Coordinate Descent Method for Large-scale Linear SVM", ICML 2008.
 *
 * @example
 * ```ts
 * const clf = new LinearSVC({ C: 0.5 }).fit(Xtrain, yTrain);
 * const yPred = clf.predict(Xtest);
 * clf.coef;      // Float64Array(K * cols), row k = weights of class k
 * ```
 */
export class LinearSVC {
  /** The options with defaults filled in. */
  readonly options: Readonly<Resolved>;
  private fitted?: { classes: Int32Array; nFeatures: number; coef: Float64Array; intercept: Float64Array; nIter: Int32Array };

  constructor(options: LinearSVCOptions = {}) {
    this.options = resolve(options);
  }

  private state() {
    if (!this.fitted) throw new SvmBridgeError('this', 'an unfitted LinearSVC', 'a fitted model', 'Call `clf.fit(X, y)` or `LinearSVC.load(text)` first');
    return this.fitted;
  }

  /** Sorted class labels. */
  get classes(): Int32Array {
    return this.state().classes.slice();
  }
  /** Weights, `nMachines × cols` (one machine for two classes, favouring `classes[1]`; else one per class). */
  get coef(): Float64Array {
    return this.state().coef.slice();
  }
  /** Intercepts, one per machine. */
  get intercept(): Float64Array {
    return this.state().intercept.slice();
  }
  /** Passes over the data used by each machine (equal to `maxIter` when it did not converge). */
  get nIter(): Int32Array {
    return this.state().nIter.slice();
  }

  /** Train on `X` and integer labels `y`; returns `this`. */
  fit(X: FeatureMatrix, y: Labels): this {
    checkMatrix(X, 'X');
    const labels = checkLabels(y, X.rows);
    const classes = uniqueClasses(labels);
    const weights = resolveClassWeight(this.options.classWeight, classes, labels);
    const K = classes.length;
    const machines = K === 2 ? 1 : K;
    const d = X.cols;
    const coef = new Float64Array(machines * d);
    const intercept = new Float64Array(machines);
    const nIter = new Int32Array(machines);
    const sign = new Int8Array(X.rows);
    // Squared row norms, shared by every machine.
    const bias = this.options.fitIntercept ? this.options.interceptScaling : 0;
    const norms = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let s = bias * bias;
      for (let j = i * d, e = j + d; j < e; j++) s += X.data[j] * X.data[j];
      norms[i] = s;
    }
    for (let m = 0; m < machines; m++) {
      const positive = K === 2 ? classes[1] : classes[m];
      const k = K === 2 ? 1 : m;
      for (let i = 0; i < X.rows; i++) sign[i] = labels[i] === positive ? 1 : -1;
      const cp = this.options.C * weights[k];
      const cn = K === 2 ? this.options.C * weights[0] : this.options.C;
      const w = new Float64Array(d + 1);
      nIter[m] = solveDual(X, sign, norms, w, bias, cp, cn, this.options, this.options.seed + m);
      coef.set(w.subarray(0, d), m * d);
      intercept[m] = w[d] * bias;
    }
    this.fitted = { classes, nFeatures: d, coef, intercept, nIter };
    return this;
  }

  /**
   * Decision values `rows × nMachines`: one column for two classes (positive favours `classes[1]`),
   * otherwise one column per class.
   */
  decisionFunction(X: FeatureMatrix): { data: Float64Array; rows: number; cols: number } {
    const { nFeatures: d, coef, intercept } = this.state();
    checkMatrix(X, 'X', d);
    const M = intercept.length;
    const out = new Float64Array(X.rows * M);
    for (let r = 0; r < X.rows; r++) {
      const xo = r * d;
      for (let m = 0; m < M; m++) {
        let s = intercept[m];
        const wo = m * d;
        for (let j = 0; j < d; j++) s += coef[wo + j] * X.data[xo + j];
        out[r * M + m] = s;
      }
    }
    return { data: out, rows: X.rows, cols: M };
  }

  /** Predicted labels (highest one-vs-rest score). */
  predict(X: FeatureMatrix): Int32Array {
    const { classes } = this.state();
    const { data, rows, cols } = this.decisionFunction(X);
    const out = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      if (cols === 1) {
        out[r] = classes[data[r] > 0 ? 1 : 0];
        continue;
      }
      let best = 0;
      for (let m = 1; m < cols; m++) if (data[r * cols + m] > data[r * cols + best]) best = m;
      out[r] = classes[best];
    }
    return out;
  }

  /** Serialise options and weights to a JSON string. */
  save(): string {
    const s = this.state();
    return JSON.stringify({
      format: FORMAT,
      version: 1,
      options: this.options,
      classes: Array.from(s.classes),
      nFeatures: s.nFeatures,
      coef: Array.from(s.coef),
      intercept: Array.from(s.intercept),
      nIter: Array.from(s.nIter),
    });
  }

  /**
   * Restore a model written by {@link LinearSVC.save}.
   *
   * @example
   * ```ts
   * const clf = LinearSVC.load(fs.readFileSync('linear.json', 'utf8'));
   * ```
   */
  static load(text: string): LinearSVC {
    let s: { format?: string; version?: number; options: LinearSVCOptions; classes: number[]; nFeatures: number; coef: number[]; intercept: number[]; nIter: number[] };
    try {
      s = JSON.parse(text);
    } catch {
      throw new SvmBridgeError('text', describe(text), `JSON written by LinearSVC.save() (format "${FORMAT}")`);
    }
    if (s?.format !== FORMAT || s.version !== 1) throw new SvmBridgeError('text.format', describe(s?.format), `"${FORMAT}" version 1`);
    if (!Array.isArray(s.coef) || s.coef.length !== s.intercept.length * s.nFeatures) {
      throw new SvmBridgeError('text.coef', describe(s.coef), `${s.intercept?.length} × ${s.nFeatures} numbers`);
    }
    const clf = new LinearSVC(s.options);
    clf.fitted = {
      classes: Int32Array.from(s.classes),
      nFeatures: s.nFeatures,
      coef: Float64Array.from(s.coef),
      intercept: Float64Array.from(s.intercept),
      nIter: Int32Array.from(s.nIter),
    };
    return clf;
  }
}

/**
 * Dual coordinate descent for one binary L2-regularised L1/L2-loss SVM (liblinear `solve_l2r_l1l2_svc`).
 * `w` has `cols + 1` entries, the last one multiplying the constant feature `bias`. Returns passes used.
 */
function solveDual(
  X: FeatureMatrix,
  y: Int8Array,
  norms: Float64Array,
  w: Float64Array,
  bias: number,
  cp: number,
  cn: number,
  o: Resolved,
  seed: number,
): number {
  const l = X.rows;
  const d = X.cols;
  const x = X.data;
  const l2 = o.loss === 'squared_hinge';
  const diagP = l2 ? 0.5 / cp : 0;
  const diagN = l2 ? 0.5 / cn : 0;
  const upP = l2 ? Infinity : cp;
  const upN = l2 ? Infinity : cn;
  const alpha = new Float64Array(l);
  const qd = new Float64Array(l);
  const index = new Int32Array(l);
  for (let i = 0; i < l; i++) {
    qd[i] = norms[i] + (y[i] > 0 ? diagP : diagN);
    index[i] = i;
  }
  const rand = mulberry32(seed);
  let active = l;
  let pgMaxOld = Infinity;
  let pgMinOld = -Infinity;
  let iter = 0;
  while (iter < o.maxIter) {
    let pgMaxNew = -Infinity;
    let pgMinNew = Infinity;
    for (let i = 0; i < active; i++) {
      const j = i + Math.floor(rand() * (active - i));
      const t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    for (let s = 0; s < active; s++) {
      const i = index[s];
      const yi = y[i];
      const xo = i * d;
      let dot = w[d] * bias;
      let f = 0;
      for (; f + 3 < d; f += 4) dot += w[f] * x[xo + f] + w[f + 1] * x[xo + f + 1] + w[f + 2] * x[xo + f + 2] + w[f + 3] * x[xo + f + 3];
      for (; f < d; f++) dot += w[f] * x[xo + f];
      const ai = alpha[i];
      const G = yi * dot - 1 + ai * (yi > 0 ? diagP : diagN);
      const U = yi > 0 ? upP : upN;
      let PG = 0;
      if (ai === 0) {
        if (G > pgMaxOld) {
          active--;
          index[s] = index[active];
          index[active] = i;
          s--;
          continue;
        } else if (G < 0) PG = G;
      } else if (ai === U) {
        if (G < pgMinOld) {
          active--;
          index[s] = index[active];
          index[active] = i;
          s--;
          continue;
        } else if (G > 0) PG = G;
      } else PG = G;
      if (PG > pgMaxNew) pgMaxNew = PG;
      if (PG < pgMinNew) pgMinNew = PG;
      if (Math.abs(PG) > 1e-12) {
        const an = Math.min(Math.max(ai - G / qd[i], 0), U);
        alpha[i] = an;
        const delta = (an - ai) * yi;
        let g = 0;
        for (; g + 3 < d; g += 4) {
          w[g] += delta * x[xo + g];
          w[g + 1] += delta * x[xo + g + 1];
          w[g + 2] += delta * x[xo + g + 2];
          w[g + 3] += delta * x[xo + g + 3];
        }
        for (; g < d; g++) w[g] += delta * x[xo + g];
        w[d] += delta * bias;
      }
    }
    iter++;
    if (pgMaxNew - pgMinNew <= o.tol) {
      if (active === l) break;
      active = l;
      pgMaxOld = Infinity;
      pgMinOld = -Infinity;
      continue;
    }
    pgMaxOld = pgMaxNew <= 0 ? Infinity : pgMaxNew;
    pgMinOld = pgMinNew >= 0 ? -Infinity : pgMinNew;
  }
  return iter;
}
