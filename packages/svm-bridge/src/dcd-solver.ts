import type { DenseRows } from './dense-rows';
import { SeededRandom } from '@dlkit/core';

/** @internal The binary problems solved together by {@link solveDcd}. */
export interface DcdProblem {
  /** Rows and the weight vectors (one per machine, zero at first). */
  rows: DenseRows;
  /** Number of rows. */
  l: number;
  /** Number of binary machines. */
  machines: number;
  /** Labels ±1, row-major `l × machines`: `sign[i·machines + m]` is row i's label for machine m. */
  sign: Int8Array;
  /** Squared norm of every row, including the constant feature. */
  norms: Float64Array;
  /** Value of the constant (intercept) feature, 0 for none. */
  bias: number;
  /** C of the +1 and −1 rows, per machine. */
  cp: Float64Array;
  cn: Float64Array;
  /** Squared hinge (L2-loss) or hinge (L1-loss). */
  squaredHinge: boolean;
  /** Stopping tolerance on the projected-gradient gap. */
  tol: number;
  /** Maximum passes per machine. */
  maxIter: number;
  seed: number;
}

/** @internal What {@link solveDcd} returns besides the weights left in `rows`. */
export interface DcdSolution {
  /** Passes used by each machine (`maxIter` when it did not converge). */
  passes: Int32Array;
  /** Weight of the constant feature, per machine. */
  wBias: Float64Array;
}

/**
 * @internal Dual coordinate descent for several L2-regularised L1/L2-loss binary SVMs on the same rows
 * (liblinear's `solve_l2r_l1l2_svc`, one machine per one-vs-rest class), run side by side: each pass
 * visits the rows in one random order and updates every machine for which the row is still active, so a
 * row is read from memory once per pass instead of once per machine (the machines' weights stay in cache).
 *
 * Per machine, everything is liblinear's: the dual variable update, the shrinking of variables at a bound
 * whose gradient points outwards beyond last pass's extreme projected gradients, and the stopping rule —
 * the projected-gradient gap `max − min ≤ tol` over the active set, confirmed by one more pass over all
 * rows after un-shrinking. A machine that has converged (or used `maxIter` passes) is no longer visited.
 * With one machine this is liblinear's solver with its order of visits.
 *
 * Reference: C.-J. Hsieh et al., "A Dual Coordinate Descent Method for Large-scale Linear SVM", ICML 2008.
 */
export function solveDcd(p: DcdProblem): DcdSolution {
  const { rows, l, machines: M, sign: y, norms, bias, tol, maxIter } = p;
  const diag = new Float64Array(2 * M); // [m·2] for −1 rows, [m·2 + 1] for +1 rows
  const upper = new Float64Array(2 * M);
  for (let m = 0; m < M; m++) {
    diag[2 * m] = p.squaredHinge ? 0.5 / p.cn[m] : 0;
    diag[2 * m + 1] = p.squaredHinge ? 0.5 / p.cp[m] : 0;
    upper[2 * m] = p.squaredHinge ? Infinity : p.cn[m];
    upper[2 * m + 1] = p.squaredHinge ? Infinity : p.cp[m];
  }
  const alpha = new Float64Array(l * M);
  const active = new Uint8Array(l * M).fill(1);
  const activeCount = new Int32Array(M).fill(l);
  const done = new Uint8Array(M);
  const passes = new Int32Array(M);
  const wBias = new Float64Array(M);
  const pgMaxOld = new Float64Array(M).fill(Infinity);
  const pgMinOld = new Float64Array(M).fill(-Infinity);
  const pgMaxNew = new Float64Array(M);
  const pgMinNew = new Float64Array(M);
  // Rows active in at least one machine still running; visited in a fresh random order every pass.
  const visit = new Int32Array(l);
  for (let i = 0; i < l; i++) visit[i] = i;
  let nVisit = l;
  let running = M;
  const { list, out } = rows;
  const rand = SeededRandom.plain(p.seed).next;
  let pass = 0;
  while (running > 0) {
    for (let s = 0; s < nVisit; s++) {
      const j = s + Math.floor(rand() * (nVisit - s));
      const t = visit[s];
      visit[s] = visit[j];
      visit[j] = t;
    }
    pgMaxNew.fill(-Infinity);
    pgMinNew.fill(Infinity);
    for (let s = 0; s < nVisit; s++) {
      const i = visit[s];
      const io = i * M;
      const qn = norms[i];
      // Dots with every machine still visiting row i first: an update of machine m changes w_m only.
      let n = 0;
      for (let m = 0; m < M; m++) if (!done[m] && active[io + m]) list[n++] = m;
      rows.dots(i, n);
      for (let q = 0; q < n; q++) {
        const m = list[q];
        const im = io + m;
        const yi = y[im];
        const side = 2 * m + (yi > 0 ? 1 : 0);
        const ai = alpha[im];
        const G = yi * (out[q] + wBias[m] * bias) - 1 + ai * diag[side];
        const U = upper[side];
        let PG = 0;
        if (ai === 0) {
          if (G > pgMaxOld[m]) {
            active[im] = 0;
            activeCount[m]--;
            continue;
          }
          if (G < 0) PG = G;
        } else if (ai === U) {
          if (G < pgMinOld[m]) {
            active[im] = 0;
            activeCount[m]--;
            continue;
          }
          if (G > 0) PG = G;
        } else PG = G;
        if (PG > pgMaxNew[m]) pgMaxNew[m] = PG;
        if (PG < pgMinNew[m]) pgMinNew[m] = PG;
        if (Math.abs(PG) > 1e-12) {
          const an = Math.min(Math.max(ai - G / (qn + diag[side]), 0), U);
          alpha[im] = an;
          const delta = (an - ai) * yi;
          rows.axpy(delta, i, m);
          wBias[m] += delta * bias;
        }
      }
    }
    pass++;
    let reactivated = false;
    for (let m = 0; m < M; m++) {
      if (done[m]) continue;
      passes[m] = pass;
      if (pgMaxNew[m] - pgMinNew[m] <= tol) {
        if (activeCount[m] === l) {
          done[m] = 1;
        } else {
          for (let i = 0; i < l; i++) active[i * M + m] = 1;
          activeCount[m] = l;
          pgMaxOld[m] = Infinity;
          pgMinOld[m] = -Infinity;
          reactivated = true;
        }
      } else {
        pgMaxOld[m] = pgMaxNew[m] <= 0 ? Infinity : pgMaxNew[m];
        pgMinOld[m] = pgMinNew[m] >= 0 ? -Infinity : pgMinNew[m];
      }
      if (!done[m] && pass >= maxIter) done[m] = 1;
      if (done[m]) running--;
    }
    // Keep the rows some running machine still visits, in their current order (all rows after an un-shrink).
    if (reactivated) {
      nVisit = l;
      for (let i = 0; i < l; i++) visit[i] = i;
    } else {
      let n = 0;
      for (let s = 0; s < nVisit; s++) {
        const i = visit[s];
        for (let m = 0; m < M; m++) {
          if (!done[m] && active[i * M + m]) {
            visit[n++] = i;
            break;
          }
        }
      }
      nVisit = n;
    }
  }
  return { passes, wBias };
}
