import type { FeatureMatrix } from './matrix';
import { loadWorkerThreads, parallelFor, toShared, type Kernel } from './worker-pool';

/** k nearest neighbours of a set of query rows: `indices[q * k + t]` is the t-th nearest row of query q
 * (self excluded), `distances` the matching squared Euclidean distances, both ascending. @internal */
export interface NeighborGraph {
  /** Number of query rows. */
  n: number;
  /** Neighbours per query. */
  k: number;
  indices: Int32Array;
  /** Squared Euclidean distances. */
  distances: Float64Array;
}

/**
 * Exact k-nearest-neighbour search by blocked brute force (‖a‖² + ‖b‖² − 2a·b, four queries at a time so
 * that every candidate row is loaded once per block), O(n² d); distances of the kept neighbours are then
 * recomputed directly. `queries` restricts the search to those rows (default: all rows); each query's
 * own row is excluded. With `threads > 1` (Node), query blocks are split across worker threads.
 * @internal
 */
export function exactKnn(X: FeatureMatrix, k: number, queries?: Int32Array, threads = 1): NeighborGraph {
  const { rows: n, cols: d } = X;
  const Q = queries ?? Int32Array.from({ length: n }, (_, i) => i);
  const nq = Q.length;
  const parallel = threads > 1 && nq >= 2000 && loadWorkerThreads() !== null;
  const data = parallel ? toShared(X.data) : X.data;
  const buffer = (bytes: number): ArrayBufferLike => (parallel ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  const norms = new Float64Array(buffer(8 * n));
  for (let r = 0; r < n; r++) {
    let s = 0;
    const o = r * d;
    for (let c = 0; c < d; c++) s += data[o + c] * data[o + c];
    norms[r] = s;
  }
  const indices = new Int32Array(buffer(4 * nq * k));
  const distances = new Float64Array(buffer(8 * nq * k));
  const args = { data, norms, queries: parallel ? toShared(Q) : Q, indices, distances, n, d, k };
  const blocks = Math.ceil(nq / 4); // work is split in blocks of 4 queries
  if (!(parallel && parallelFor(knnKernel as unknown as Kernel, args, blocks, threads))) knnKernel(args, 0, blocks);
  return { n: nq, k, indices, distances };
}

/** Query blocks [fromBlock, toBlock) of {@link exactKnn}. Self-contained: it also runs inside workers. @internal */
export function knnKernel(
  args: {
    data: Float32Array;
    norms: Float64Array;
    queries: Int32Array;
    indices: Int32Array;
    distances: Float64Array;
    n: number;
    d: number;
    k: number;
  },
  fromBlock: number,
  toBlock: number,
): void {
  const { data, norms, queries: Q, indices, distances, n, d, k } = args;
  const nq = Q.length;
  const B = 4;
  const qa = new Float64Array(B * d);
  const hd = new Float64Array(B * k);
  const hi = new Int32Array(B * k);
  const size = new Int32Array(B);
  // Bounded max-heap per query slot t; returns the new worst distance (Infinity while not full).
  const push = (t: number, dist: number, idx: number): number => {
    const base = t * k;
    let s = size[t];
    let pos: number;
    if (s < k) {
      pos = s;
      hd[base + pos] = dist;
      hi[base + pos] = idx;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (hd[base + parent] >= hd[base + pos]) break;
        const td = hd[base + parent];
        hd[base + parent] = hd[base + pos];
        hd[base + pos] = td;
        const ti = hi[base + parent];
        hi[base + parent] = hi[base + pos];
        hi[base + pos] = ti;
        pos = parent;
      }
      size[t] = ++s;
      return s === k ? hd[base] : Infinity;
    }
    hd[base] = dist;
    hi[base] = idx;
    pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      const r = l + 1;
      let big = pos;
      if (l < k && hd[base + l] > hd[base + big]) big = l;
      if (r < k && hd[base + r] > hd[base + big]) big = r;
      if (big === pos) break;
      const td = hd[base + big];
      hd[base + big] = hd[base + pos];
      hd[base + pos] = td;
      const ti = hi[base + big];
      hi[base + big] = hi[base + pos];
      hi[base + pos] = ti;
      pos = big;
    }
    return hd[base];
  };
  for (let blk = fromBlock; blk < toBlock; blk++) {
    const q0 = blk * B;
    const m = Math.min(B, nq - q0);
    qa.fill(0);
    size.fill(0);
    const qi0 = Q[q0];
    const qi1 = m > 1 ? Q[q0 + 1] : -1;
    const qi2 = m > 2 ? Q[q0 + 2] : -1;
    const qi3 = m > 3 ? Q[q0 + 3] : -1;
    for (let t = 0; t < m; t++) {
      const o = Q[q0 + t] * d;
      for (let c = 0; c < d; c++) qa[t * d + c] = data[o + c];
    }
    const n0 = norms[qi0];
    const n1 = qi1 >= 0 ? norms[qi1] : 0;
    const n2 = qi2 >= 0 ? norms[qi2] : 0;
    const n3 = qi3 >= 0 ? norms[qi3] : 0;
    let w0 = Infinity;
    let w1 = Infinity;
    let w2 = Infinity;
    let w3 = Infinity;
    for (let j = 0; j < n; j++) {
      const o = j * d;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let c = 0; c < d; c++) {
        const v = data[o + c];
        s0 += v * qa[c];
        s1 += v * qa[d + c];
        s2 += v * qa[2 * d + c];
        s3 += v * qa[3 * d + c];
      }
      const nj = norms[j];
      let dd = Math.max(n0 + nj - 2 * s0, 0);
      if (dd < w0 && j !== qi0) w0 = push(0, dd, j);
      if (m > 1) {
        dd = Math.max(n1 + nj - 2 * s1, 0);
        if (dd < w1 && j !== qi1) w1 = push(1, dd, j);
      }
      if (m > 2) {
        dd = Math.max(n2 + nj - 2 * s2, 0);
        if (dd < w2 && j !== qi2) w2 = push(2, dd, j);
      }
      if (m > 3) {
        dd = Math.max(n3 + nj - 2 * s3, 0);
        if (dd < w3 && j !== qi3) w3 = push(3, dd, j);
      }
    }
    for (let t = 0; t < m; t++) {
      const ob = (q0 + t) * k;
      const oq = Q[q0 + t] * d;
      const cnt = size[t];
      // Exact distances (the expansion loses precision for near-duplicates), sorted by (distance, index).
      for (let u = 0; u < cnt; u++) {
        const j = hi[t * k + u];
        const oj = j * d;
        let s = 0;
        for (let c = 0; c < d; c++) {
          const diff = data[oq + c] - data[oj + c];
          s += diff * diff;
        }
        let b = u - 1;
        while (b >= 0 && (distances[ob + b] > s || (distances[ob + b] === s && indices[ob + b] > j))) {
          distances[ob + b + 1] = distances[ob + b];
          indices[ob + b + 1] = indices[ob + b];
          b--;
        }
        distances[ob + b + 1] = s;
        indices[ob + b + 1] = j;
      }
    }
  }
}

/** Sorts one row of a neighbour list by (distance, index) ascending; insertion sort (rows are short). */
export function sortRowByDistance(I: Int32Array, D: Float64Array, base: number, s: number): void {
  for (let a = 1; a < s; a++) {
    const dv = D[base + a];
    const iv = I[base + a];
    let b = a - 1;
    while (b >= 0 && (D[base + b] > dv || (D[base + b] === dv && I[base + b] > iv))) {
      D[base + b + 1] = D[base + b];
      I[base + b + 1] = I[base + b];
      b--;
    }
    D[base + b + 1] = dv;
    I[base + b + 1] = iv;
  }
}
