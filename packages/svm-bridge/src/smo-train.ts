import { ClassBlockKernel, type KernelParams } from './class-block-kernel';
import type { KernelModel } from './kernel-model';
import type { FeatureMatrix } from './matrix';
import { solveSmo, type SmoSolution } from './smo-solver';

/** @internal Settings of {@link trainSmo}. */
export interface SmoTrainOptions extends KernelParams {
  C: number;
  /** Multiplier of C per class (order of `classes`). */
  weights: Float64Array;
  tol: number;
  shrinking: boolean;
  /** Total cache budget in MB (half for kernel blocks, half for the per-machine Q columns). */
  cacheSize: number;
  multiclass: 'ovo' | 'ovr';
  logger?: (message: string) => void;
}

/** @internal What {@link trainSmo} returns: the models and the per-machine solutions (for tests). */
export interface SmoTrainResult {
  models: KernelModel[];
  solutions: SmoSolution[];
  kernelEvaluations: number;
}

/** One segment of a binary subproblem: all samples of class `c`, labelled `sign`. */
interface Segment {
  c: number;
  sign: 1 | -1;
}

/**
 * @internal Train C-SVC machines with {@link solveSmo}, as libsvm's `svm_train`: samples grouped by class
 * (classes sorted, training order kept within a class), one-vs-one over class pairs (i < j; class i is +1,
 * C_i = C·w_i), support vectors = samples with a non-zero coefficient in any pair, coefficients laid out
 * as in libsvm's model. One-vs-rest trains one binary machine per class (class +1, C·w_k; rest −1, C).
 */
export function trainSmo(X: FeatureMatrix, labels: Int32Array, classes: Int32Array, o: SmoTrainOptions): SmoTrainResult {
  const K = classes.length;
  const d = X.cols;
  const classOf = new Map<number, number>();
  classes.forEach((c, k) => classOf.set(c, k));
  const count = new Int32Array(K);
  for (let r = 0; r < X.rows; r++) count[classOf.get(labels[r]) as number]++;
  const start = new Int32Array(K);
  for (let k = 1; k < K; k++) start[k] = start[k - 1] + count[k - 1];
  const fill = start.slice();
  const x = new Float64Array(X.rows * d);
  for (let r = 0; r < X.rows; r++) {
    const a = fill[classOf.get(labels[r]) as number]++;
    for (let f = 0; f < d; f++) x[a * d + f] = X.data[r * d + f];
  }
  const cacheBytes = o.cacheSize * 1024 * 1024;
  const kernel = new ClassBlockKernel(x, d, start, count, o, cacheBytes / 2);

  const solve = (segments: Segment[], Cp: number, Cn: number): SmoSolution => {
    let l = 0;
    for (const s of segments) l += count[s.c];
    const y = new Int8Array(l);
    const global = new Int32Array(l);
    const QD = new Float64Array(l);
    let q = 0;
    segments.forEach((s) => {
      for (let k = 0; k < count[s.c]; k++, q++) {
        y[q] = s.sign;
        global[q] = start[s.c] + k;
        QD[q] = kernel.diag[global[q]];
      }
    });
    const nSeg = segments.length;
    const segClass = Int32Array.from(segments, (s) => s.c);
    const segSign = Int8Array.from(segments, (s) => s.sign);
    const slab = kernel.slab;
    const column = (i: number, out: Float32Array, off: number): void => {
      const a = global[i];
      const yi = y[i];
      for (let si = 0, o = off; si < nSeg; si++) {
        const c = segClass[si];
        const len = count[c];
        const b = kernel.block(a, c);
        if (yi * segSign[si] > 0) out.set(slab.subarray(b, b + len), o);
        else for (let k = 0; k < len; k++) out[o + k] = -slab[b + k];
        o += len;
      }
    };
    const sol = solveSmo({ l, y, QD, column }, { Cp, Cn, eps: o.tol, shrinking: o.shrinking, cacheBytes: cacheBytes / 2 });
    if (o.logger) {
      let nSV = 0;
      let nBSV = 0;
      for (let i = 0; i < l; i++) {
        if (sol.alpha[i] > 0) nSV++;
        if (sol.alpha[i] >= (y[i] > 0 ? Cp : Cn)) nBSV++;
      }
      o.logger(
        `optimization finished, #iter = ${sol.iterations}, obj = ${sol.obj}, rho = ${sol.rho}, nSV = ${nSV}, nBSV = ${nBSV}`,
      );
    }
    for (let i = 0; i < l; i++) sol.alpha[i] *= y[i]; // signed coefficients y_i α_i
    return sol;
  };

  const solutions: SmoSolution[] = [];
  const models: KernelModel[] = [];
  const base = { kernel: o.kernel, gamma: o.gamma, coef0: o.coef0, degree: o.degree, nFeatures: d };
  if (o.multiclass === 'ovo' || K === 2) {
    const nonzero = new Uint8Array(X.rows);
    const nPairs = (K * (K - 1)) / 2;
    const rho = new Float64Array(nPairs);
    for (let i = 0, p = 0; i < K; i++) {
      for (let j = i + 1; j < K; j++, p++) {
        const sol = solve(
          [
            { c: i, sign: 1 },
            { c: j, sign: -1 },
          ],
          o.C * o.weights[i],
          o.C * o.weights[j],
        );
        solutions.push(sol);
        rho[p] = sol.rho;
        for (let k = 0; k < count[i]; k++) if (sol.alpha[k] !== 0) nonzero[start[i] + k] = 1;
        for (let k = 0; k < count[j]; k++) if (sol.alpha[count[i] + k] !== 0) nonzero[start[j] + k] = 1;
      }
    }
    const nSV = new Int32Array(K);
    const nzStart = new Int32Array(K);
    for (let k = 0; k < K; k++) {
      for (let a = start[k]; a < start[k] + count[k]; a++) nSV[k] += nonzero[a];
      if (k > 0) nzStart[k] = nzStart[k - 1] + nSV[k - 1];
    }
    const totalSV = nzStart[K - 1] + nSV[K - 1];
    const svCoef = new Float64Array((K - 1) * totalSV);
    for (let i = 0, p = 0; i < K; i++) {
      for (let j = i + 1; j < K; j++, p++) {
        const a = solutions[p].alpha;
        let q = nzStart[i];
        for (let k = 0; k < count[i]; k++) if (nonzero[start[i] + k]) svCoef[(j - 1) * totalSV + q++] = a[k];
        q = nzStart[j];
        for (let k = 0; k < count[j]; k++) if (nonzero[start[j] + k]) svCoef[i * totalSV + q++] = a[count[i] + k];
      }
    }
    const svRows = new Int32Array(totalSV);
    for (let a = 0, s = 0; a < X.rows; a++) if (nonzero[a]) svRows[s++] = a;
    models.push({ ...base, ...supportVectors(x, d, svRows), nClass: K, labels: classes.slice(), rho, nSV, svCoef, totalSV });
  } else {
    for (let k = 0; k < K; k++) {
      const rest: Segment[] = [];
      for (let c = 0; c < K; c++) if (c !== k) rest.push({ c, sign: -1 });
      const sol = solve([{ c: k, sign: 1 }, ...rest], o.C * o.weights[k], o.C);
      solutions.push(sol);
      // Local order: class k, then the other classes in order; global rows of each local index.
      const rows: number[] = [];
      const coef: number[] = [];
      let nPos = 0;
      let q = 0;
      for (const s of [{ c: k }, ...rest]) {
        for (let i = 0; i < count[s.c]; i++, q++) {
          if (sol.alpha[q] === 0) continue;
          rows.push(start[s.c] + i);
          coef.push(sol.alpha[q]);
          if (s.c === k) nPos++;
        }
      }
      models.push({
        ...base,
        ...supportVectors(x, d, Int32Array.from(rows)),
        nClass: 2,
        labels: Int32Array.from([1, -1]),
        rho: Float64Array.of(sol.rho),
        nSV: Int32Array.from([nPos, rows.length - nPos]),
        svCoef: Float64Array.from(coef),
        totalSV: rows.length,
      });
    }
  }
  return { models, solutions, kernelEvaluations: kernel.evaluations };
}

function supportVectors(x: Float64Array, d: number, rows: Int32Array): { sv: Float64Array; svNorm: Float64Array } {
  const sv = new Float64Array(rows.length * d);
  const svNorm = new Float64Array(rows.length);
  for (let s = 0; s < rows.length; s++) {
    let acc = 0;
    for (let f = 0; f < d; f++) {
      const v = x[rows[s] * d + f];
      sv[s * d + f] = v;
      acc += v * v;
    }
    svNorm[s] = acc;
  }
  return { sv, svNorm };
}
