import type { NeighborGraph } from './knn';

/** Symmetric sparse matrix in CSR form (`rowPtr` has n+1 entries). @internal */
export interface SparseMatrix {
  n: number;
  rowPtr: Int32Array;
  colIdx: Int32Array;
  values: Float64Array;
}

const PERPLEXITY_TOLERANCE = 1e-5;
const N_STEPS = 100;

/**
 * Conditional probabilities p(j|i) over each row's neighbours, with a Gaussian bandwidth found by binary
 * search so that the row's perplexity matches (scikit-learn `_binary_search_perplexity`: natural-log
 * entropy, tolerance 1e-5, 100 steps). Distances are squared Euclidean. Returns the p(j|i), aligned with
 * `graph.indices`. @internal
 */
export function conditionalProbabilities(graph: NeighborGraph, perplexity: number): Float64Array {
  const { n, k, distances } = graph;
  const P = new Float64Array(n * k);
  const desired = Math.log(perplexity);
  for (let i = 0; i < n; i++) {
    const o = i * k;
    // Shift by the smallest distance: identical probabilities, no underflow for far-apart data.
    let dmin = Infinity;
    for (let j = 0; j < k; j++) if (distances[o + j] < dmin) dmin = distances[o + j];
    let beta = 1;
    let betaMin = -Infinity;
    let betaMax = Infinity;
    for (let step = 0; step < N_STEPS; step++) {
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const p = Math.exp(-(distances[o + j] - dmin) * beta);
        P[o + j] = p;
        sum += p;
      }
      if (sum === 0) sum = 1e-8;
      let sumDP = 0;
      for (let j = 0; j < k; j++) {
        P[o + j] /= sum;
        sumDP += (distances[o + j] - dmin) * P[o + j];
      }
      const entropy = Math.log(sum) + beta * sumDP;
      const diff = entropy - desired;
      if (Math.abs(diff) <= PERPLEXITY_TOLERANCE) break;
      if (diff > 0) {
        betaMin = beta;
        beta = betaMax === Infinity ? beta * 2 : (beta + betaMax) / 2;
      } else {
        betaMax = beta;
        beta = betaMin === -Infinity ? beta / 2 : (beta + betaMin) / 2;
      }
    }
  }
  return P;
}

/** P = (C + Cᵀ) / sum, C the conditional probabilities on the kNN graph, as CSR with sorted columns. @internal */
export function symmetrize(graph: NeighborGraph, cond: Float64Array): SparseMatrix {
  const { n, k, indices } = graph;
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    counts[i + 1] += k;
    for (let t = 0; t < k; t++) counts[indices[i * k + t] + 1]++;
  }
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const tmpCol = new Int32Array(counts[n]);
  const tmpVal = new Float64Array(counts[n]);
  const fill = counts.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = indices[i * k + t];
      const p = cond[i * k + t];
      tmpCol[fill[i]] = j;
      tmpVal[fill[i]++] = p;
      tmpCol[fill[j]] = i;
      tmpVal[fill[j]++] = p;
    }
  }
  // Merge duplicates per row.
  const pos = new Int32Array(n).fill(-1);
  const rowPtr = new Int32Array(n + 1);
  const colIdx = new Int32Array(counts[n]);
  const values = new Float64Array(counts[n]);
  let nnz = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const start = nnz;
    for (let e = counts[i]; e < counts[i + 1]; e++) {
      const j = tmpCol[e];
      if (pos[j] >= start) {
        values[pos[j]] += tmpVal[e];
      } else {
        pos[j] = nnz;
        colIdx[nnz] = j;
        values[nnz++] = tmpVal[e];
      }
    }
    // sort the row's columns (insertion sort on short rows)
    for (let a = start + 1; a < nnz; a++) {
      const c = colIdx[a];
      const v = values[a];
      let b = a - 1;
      while (b >= start && colIdx[b] > c) {
        colIdx[b + 1] = colIdx[b];
        values[b + 1] = values[b];
        b--;
      }
      colIdx[b + 1] = c;
      values[b + 1] = v;
    }
    for (let a = start; a < nnz; a++) pos[colIdx[a]] = a;
    rowPtr[i + 1] = nnz;
  }
  for (let e = 0; e < nnz; e++) total += values[e];
  const inv = 1 / Math.max(total, Number.EPSILON);
  for (let e = 0; e < nnz; e++) values[e] *= inv;
  return { n, rowPtr, colIdx: colIdx.slice(0, nnz), values: values.slice(0, nnz) };
}
