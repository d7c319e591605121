import { LruSlots } from './lru-slots';

/**
 * @internal One binary C-SVC dual problem for {@link solveSmo}:
 * min ½ αᵀQα − eᵀα subject to yᵀα = 0, 0 ≤ α_i ≤ C_{y_i}, with `Q_ij = y_i y_j K(x_i, x_j)`.
 */
export interface SmoProblem {
  /** Number of variables. */
  l: number;
  /** Labels ±1. */
  y: Int8Array;
  /** Diagonal `Q_ii = K(x_i, x_i)`. */
  QD: Float64Array;
  /** Write column i of Q (all l entries) into `out[off … off + l)`. */
  column(i: number, out: Float32Array, off: number): void;
}

/** @internal Solution of a {@link SmoProblem}. */
export interface SmoSolution {
  /** α (non-negative, not multiplied by y). */
  alpha: Float64Array;
  /** Offset ρ of the decision function `Σ α_i y_i K(x_i, x) − ρ`. */
  rho: number;
  /** Dual objective value. */
  obj: number;
  iterations: number;
  /** Column computations (cache misses). */
  columnsComputed: number;
}

/** @internal Options of {@link solveSmo}. */
export interface SmoOptions {
  /** C of the +1 samples. */
  Cp: number;
  /** C of the −1 samples. */
  Cn: number;
  /** Stopping tolerance on the maximal violating pair (libsvm's `-e`). */
  eps: number;
  shrinking: boolean;
  /** Budget of the Q-column cache in bytes. */
  cacheBytes: number;
}

const LOWER = 0;
const UPPER = 1;
const FREE = 2;
const TAU = 1e-12;

/**
 * @internal libsvm's `Solver::Solve` for C-SVC: sequential minimal optimisation with second-order
 * working-set selection (WSS2), the shrinking heuristic with gradient reconstruction, a Float32 LRU cache
 * of Q columns and Float64 gradients. Variables stay in place; the active set is a permutation `perm`
 * swapped exactly as libsvm swaps its arrays, so the visiting order (and tie-breaking) follows libsvm.
 *
 * References: R.-E. Fan, P.-H. Chen and C.-J. Lin, "Working set selection using second order information
 * for training SVM", JMLR 6 (2005); C.-C. Chang and C.-J. Lin, "LIBSVM", ACM TIST 2 (2011), `svm.cpp`.
 */
export function solveSmo(prob: SmoProblem, opts: SmoOptions): SmoSolution {
  const { l, y, QD } = prob;
  const { Cp, Cn, eps, shrinking } = opts;
  const alpha = new Float64Array(l);
  const G = new Float64Array(l).fill(-1); // p = −e, α = 0
  const Gbar = new Float64Array(l);
  const status = new Uint8Array(l); // all at the lower bound
  const Cv = new Float64Array(l);
  for (let i = 0; i < l; i++) Cv[i] = y[i] > 0 ? Cp : Cn;
  const perm = new Int32Array(l);
  for (let i = 0; i < l; i++) perm[i] = i;
  let active = l;
  let unshrink = false;

  const cache = new ColumnCache(prob, Math.max(2, Math.min(l, Math.floor(opts.cacheBytes / (4 * l)))));
  const Q = cache.data;
  const getQ = (i: number): number => cache.get(i);

  const updateStatus = (i: number): void => {
    status[i] = alpha[i] >= Cv[i] ? UPPER : alpha[i] <= 0 ? LOWER : FREE;
  };

  const sel = new Float64Array(2);
  let outI = -1;
  let outJ = -1;
  /** WSS2; false when the active set is optimal within eps. */
  const select = (): boolean => {
    let Gmax = -Infinity;
    let GmaxIdx = -1;
    for (let t = 0, n = active; t < n; t++) {
      const k = perm[t];
      if (y[k] === 1) {
        if (status[k] !== UPPER && -G[k] >= Gmax) {
          Gmax = -G[k];
          GmaxIdx = k;
        }
      } else if (status[k] !== LOWER && G[k] >= Gmax) {
        Gmax = G[k];
        GmaxIdx = k;
      }
    }
    const i = GmaxIdx;
    if (i === -1) return false;
    const qi = getQ(i);
    selectJ(active, perm, y, G, status, QD, Q, qi, i, Gmax, sel);
    const Gmax2 = sel[0];
    const GminIdx = sel[1];
    if (Gmax + Gmax2 < eps || GminIdx === -1) return false;
    outI = GmaxIdx;
    outJ = GminIdx;
    return true;
  };

  /** Recompute G of the inactive variables from Gbar and the free α (libsvm's `reconstruct_gradient`). */
  const reconstruct = (): void => {
    if (active === l) return;
    for (let t = active; t < l; t++) G[perm[t]] = Gbar[perm[t]] - 1;
    let nrFree = 0;
    for (let t = 0; t < active; t++) if (status[perm[t]] === FREE) nrFree++;
    if (nrFree * l > 2 * active * (l - active)) {
      for (let t = active; t < l; t++) {
        const i = perm[t];
        const qi = getQ(i);
        let g = G[i];
        for (let s = 0; s < active; s++) {
          const j = perm[s];
          if (status[j] === FREE) g += alpha[j] * Q[qi + j];
        }
        G[i] = g;
      }
    } else {
      for (let s = 0; s < active; s++) {
        const i = perm[s];
        if (status[i] !== FREE) continue;
        const qi = getQ(i);
        const ai = alpha[i];
        for (let t = active; t < l; t++) {
          const j = perm[t];
          G[j] += ai * Q[qi + j];
        }
      }
    }
  };

  const beShrunk = (i: number, Gmax1: number, Gmax2: number): boolean => {
    if (status[i] === UPPER) return y[i] === 1 ? -G[i] > Gmax1 : -G[i] > Gmax2;
    if (status[i] === LOWER) return y[i] === 1 ? G[i] > Gmax2 : G[i] > Gmax1;
    return false;
  };

  const doShrinking = (): void => {
    let Gmax1 = -Infinity; // max { −y_i ∇f(α)_i | i ∈ I_up }
    let Gmax2 = -Infinity; // max { y_i ∇f(α)_i | i ∈ I_low }
    for (let t = 0; t < active; t++) {
      const i = perm[t];
      if (y[i] === 1) {
        if (status[i] !== UPPER && -G[i] >= Gmax1) Gmax1 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax2) Gmax2 = G[i];
      } else {
        if (status[i] !== UPPER && -G[i] >= Gmax2) Gmax2 = -G[i];
        if (status[i] !== LOWER && G[i] >= Gmax1) Gmax1 = G[i];
      }
    }
    if (!unshrink && Gmax1 + Gmax2 <= eps * 10) {
      unshrink = true;
      reconstruct();
      active = l;
    }
    for (let t = 0; t < active; t++) {
      if (!beShrunk(perm[t], Gmax1, Gmax2)) continue;
      active--;
      while (active > t) {
        if (!beShrunk(perm[active], Gmax1, Gmax2)) {
          const tmp = perm[t];
          perm[t] = perm[active];
          perm[active] = tmp;
          break;
        }
        active--;
      }
    }
  };

  const maxIter = Math.max(10_000_000, l > 21_474_836 ? 2_147_483_647 : 100 * l);
  let iter = 0;
  let counter = Math.min(l, 1000) + 1;
  while (iter < maxIter) {
    if (--counter === 0) {
      counter = Math.min(l, 1000);
      if (shrinking) doShrinking();
    }
    if (!select()) {
      reconstruct();
      active = l;
      if (!select()) break;
      counter = 1; // shrink again at the next iteration
    }
    iter++;
    const i = outI;
    const j = outJ;
    const qi = getQ(i);
    const _qj = getQ(j);
    const Qij = Q[qi + j];
    const Ci = Cv[i];
    const Cj = Cv[j];
    const oldAi = alpha[i];
    const oldAj = alpha[j];
    if (y[i] !== y[j]) {
      let qc = QD[i] + QD[j] + 2 * Qij;
      if (qc <= 0) qc = TAU;
      const delta = (-G[i] - G[j]) / qc;
      const diff = alpha[i] - alpha[j];
      alpha[i] += delta;
      alpha[j] += delta;
      if (diff > 0) {
        if (alpha[j] < 0) {
          alpha[j] = 0;
          alpha[i] = diff;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = -diff;
      }
      if (diff > Ci - Cj) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = Ci - diff;
        }
      } else if (alpha[j] > Cj) {
        alpha[j] = Cj;
        alpha[i] = Cj + diff;
      }
    } else {
      let qc = QD[i] + QD[j] - 2 * Qij;
      if (qc <= 0) qc = TAU;
      const delta = (G[i] - G[j]) / qc;
      const sum = alpha[i] + alpha[j];
      alpha[i] -= delta;
      alpha[j] += delta;
      if (sum > Ci) {
        if (alpha[i] > Ci) {
          alpha[i] = Ci;
          alpha[j] = sum - Ci;
        }
      } else if (alpha[j] < 0) {
        alpha[j] = 0;
        alpha[i] = sum;
      }
      if (sum > Cj) {
        if (alpha[j] > Cj) {
          alpha[j] = Cj;
          alpha[i] = sum - Cj;
        }
      } else if (alpha[i] < 0) {
        alpha[i] = 0;
        alpha[j] = sum;
      }
    }
    const dai = alpha[i] - oldAi;
    const daj = alpha[j] - oldAj;
    updateGradient(active, perm, G, Q, getQ(i), dai, getQ(j), daj);
    const ui = status[i] === UPPER;
    const uj = status[j] === UPPER;
    updateStatus(i);
    updateStatus(j);
    if (ui !== (status[i] === UPPER)) {
      const q = getQ(i);
      const c = ui ? -Ci : Ci;
      for (let k = 0; k < l; k++) Gbar[k] += c * Q[q + k];
    }
    if (uj !== (status[j] === UPPER)) {
      const q = getQ(j);
      const c = uj ? -Cj : Cj;
      for (let k = 0; k < l; k++) Gbar[k] += c * Q[q + k];
    }
  }
  if (active < l) {
    reconstruct();
    active = l;
  }

  // ρ (libsvm's calculate_rho): mean of y_i G_i over free variables, else the middle of the feasible interval.
  let nrFree = 0;
  let sumFree = 0;
  let ub = Infinity;
  let lb = -Infinity;
  for (let i = 0; i < l; i++) {
    const yG = y[i] * G[i];
    if (status[i] === UPPER) {
      if (y[i] === -1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else if (status[i] === LOWER) {
      if (y[i] === 1) ub = Math.min(ub, yG);
      else lb = Math.max(lb, yG);
    } else {
      nrFree++;
      sumFree += yG;
    }
  }
  const rho = nrFree > 0 ? sumFree / nrFree : (ub + lb) / 2;
  let obj = 0;
  for (let i = 0; i < l; i++) obj += alpha[i] * (G[i] - 1);
  return { alpha, rho, obj: obj / 2, iterations: iter, columnsComputed: cache.columnsComputed };
}

/** G_k += Q_ik Δα_i + Q_jk Δα_j over the active set. */
function updateGradient(
  active: number,
  perm: Int32Array,
  G: Float64Array,
  Q: Float32Array,
  qi: number,
  dai: number,
  qj: number,
  daj: number,
): void {
  for (let t = 0; t < active; t++) {
    const k = perm[t];
    G[k] += Q[qi + k] * dai + Q[qj + k] * daj;
  }
}

/** Second half of WSS2: j minimising the second-order objective decrease; writes [Gmax2, j] to `out`. */
function selectJ(
  active: number,
  perm: Int32Array,
  y: Int8Array,
  G: Float64Array,
  status: Uint8Array,
  QD: Float64Array,
  Q: Float32Array,
  qi: number,
  i: number,
  Gmax: number,
  out: Float64Array,
): void {
  let Gmax2 = -Infinity;
  let GminIdx = -1;
  let objDiffMin = Infinity;
  const yi = y[i];
  const QDi = QD[i];
  for (let t = 0; t < active; t++) {
    const j = perm[t];
    const Gj = G[j];
    if (y[j] === 1) {
      if (status[j] !== LOWER) {
        const gd = Gmax + Gj;
        if (Gj >= Gmax2) Gmax2 = Gj;
        if (gd > 0) {
          const qc = QDi + QD[j] - 2 * yi * Q[qi + j];
          const od = -(gd * gd) / (qc > 0 ? qc : TAU);
          if (od <= objDiffMin) {
            GminIdx = j;
            objDiffMin = od;
          }
        }
      }
    } else if (status[j] !== UPPER) {
      const gd = Gmax - Gj;
      if (-Gj >= Gmax2) Gmax2 = -Gj;
      if (gd > 0) {
        const qc = QDi + QD[j] + 2 * yi * Q[qi + j];
        const od = -(gd * gd) / (qc > 0 ? qc : TAU);
        if (od <= objDiffMin) {
          GminIdx = j;
          objDiffMin = od;
        }
      }
    }
  }
  out[0] = Gmax2;
  out[1] = GminIdx;
}

/** LRU cache of Q columns in one Float32Array of `slots × l` (libsvm's `Cache`, without partial columns). */
class ColumnCache {
  readonly data: Float32Array;
  columnsComputed = 0;
  private readonly prob: SmoProblem;
  private readonly slots: LruSlots;

  constructor(prob: SmoProblem, slots: number) {
    this.prob = prob;
    this.data = new Float32Array(slots * prob.l);
    this.slots = new LruSlots(prob.l, slots);
  }

  /** Offset of column i in {@link ColumnCache.data}, computing it on a miss. */
  get(i: number): number {
    let s = this.slots.touch(i);
    if (s < 0) {
      s = this.slots.take();
      this.prob.column(i, this.data, s * this.prob.l);
      this.columnsComputed++;
      this.slots.assign(i, s);
    }
    return s * this.prob.l;
  }
}
