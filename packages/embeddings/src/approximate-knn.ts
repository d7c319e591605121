import type { NeighborGraph } from './knn';
import { sortRowByDistance } from './knn';
import type { FeatureMatrix } from './matrix';
import { SeededRandom } from '@dlkit/core';

/** Settings of {@link approximateKnn}. @internal */
export interface ApproximateKnnOptions {
  /** Random-projection trees. Default 8. */
  nTrees?: number;
  /** Maximum leaf size of each tree. Default max(64, k + 1). */
  leafSize?: number;
  /** Neighbour-of-neighbour refinement rounds (stops early when nothing changes). Default 4. */
  nRounds?: number;
  /** Neighbours of each neighbour examined per round. Default min(k, 16). */
  fanout?: number;
  seed?: number;
}

/**
 * Approximate k-nearest neighbours in the spirit of Annoy + NN-descent (Dong et al. 2011): candidates
 * from a forest of random-projection trees (split by the hyperplane bisecting two random points), then
 * rounds of "a neighbour of my neighbour is likely my neighbour", each point pulling the nearest
 * neighbours of its nearest neighbours and their reverse neighbours. Distances are exact squared
 * Euclidean; only recall is approximate (typically > 0.98 for PCA-50 image features).
 * @internal
 */
export function approximateKnn(X: FeatureMatrix, k: number, options: ApproximateKnnOptions = {}): NeighborGraph {
  const { rows: n, cols: d, data } = X;
  const { nTrees = 8, leafSize = Math.max(64, k + 1), nRounds = 4, fanout = Math.min(k, 16), seed = 0 } = options;
  const rng = new SeededRandom(seed);
  const heapD = new Float64Array(n * k).fill(Infinity);
  const heapI = new Int32Array(n * k).fill(-1);
  const dist = (a: number, b: number): number => {
    const oa = a * d;
    const ob = b * d;
    let s = 0;
    for (let c = 0; c < d; c++) {
      const v = data[oa + c] - data[ob + c];
      s += v * v;
    }
    return s;
  };
  /** Inserts j into i's max-heap if closer than the worst and not already there. Returns true when inserted. */
  const tryPush = (i: number, j: number, dij: number): boolean => {
    const base = i * k;
    if (dij >= heapD[base]) return false;
    for (let t = 0; t < k; t++) if (heapI[base + t] === j) return false;
    heapD[base] = dij;
    heapI[base] = j;
    let pos = 0;
    for (;;) {
      const l = 2 * pos + 1;
      const r = l + 1;
      let big = pos;
      if (l < k && heapD[base + l] > heapD[base + big]) big = l;
      if (r < k && heapD[base + r] > heapD[base + big]) big = r;
      if (big === pos) break;
      const td = heapD[base + big];
      heapD[base + big] = heapD[base + pos];
      heapD[base + pos] = td;
      const ti = heapI[base + big];
      heapI[base + big] = heapI[base + pos];
      heapI[base + pos] = ti;
      pos = big;
    }
    return true;
  };

  // 1. Random-projection forest: all pairs inside each leaf.
  const idx = new Int32Array(n);
  const proj = new Float64Array(n);
  const normal = new Float64Array(d);
  for (let tree = 0; tree < nTrees; tree++) {
    for (let i = 0; i < n; i++) idx[i] = i;
    const stack: number[] = [0, n];
    while (stack.length > 0) {
      const hi = stack.pop()!;
      const lo = stack.pop()!;
      const size = hi - lo;
      if (size <= leafSize) {
        for (let a = lo; a < hi; a++) {
          const ia = idx[a];
          for (let b = a + 1; b < hi; b++) {
            const ib = idx[b];
            const dd = dist(ia, ib);
            tryPush(ia, ib, dd);
            tryPush(ib, ia, dd);
          }
        }
        continue;
      }
      const p = idx[lo + rng.int(size)];
      let q = idx[lo + rng.int(size)];
      for (let tries = 0; tries < 4 && q === p; tries++) q = idx[lo + rng.int(size)];
      let offset = 0;
      for (let c = 0; c < d; c++) {
        normal[c] = data[p * d + c] - data[q * d + c];
        offset += normal[c] * (data[p * d + c] + data[q * d + c]) * 0.5;
      }
      for (let a = lo; a < hi; a++) {
        const o = idx[a] * d;
        let s = -offset;
        for (let c = 0; c < d; c++) s += normal[c] * data[o + c];
        proj[idx[a]] = s;
      }
      // Partition by sign; fall back to a random half split when degenerate (e.g. duplicates).
      let left = lo;
      for (let a = lo; a < hi; a++) {
        const v = idx[a];
        if (proj[v] < 0) {
          idx[a] = idx[left];
          idx[left++] = v;
        }
      }
      if (left - lo < 1 || hi - left < 1) {
        for (let a = hi - 1; a > lo; a--) {
          const b = lo + rng.int(a - lo + 1);
          const t = idx[a];
          idx[a] = idx[b];
          idx[b] = t;
        }
        left = lo + (size >> 1);
      }
      stack.push(lo, left, left, hi);
    }
  }

  // 2. Neighbour-of-neighbour refinement using a sorted snapshot of the current graph.
  const snapI = new Int32Array(n * k);
  const snapD = new Float64Array(n * k);
  const mark = new Int32Array(n).fill(-1);
  const revCount = new Int32Array(n);
  const revStart = new Int32Array(n + 1);
  let rev = new Int32Array(0);
  for (let round = 0; round < nRounds; round++) {
    snapI.set(heapI);
    snapD.set(heapD);
    for (let i = 0; i < n; i++) sortRowByDistance(snapI, snapD, i * k, k);
    // reverse lists of the `fanout` nearest
    revCount.fill(0);
    for (let i = 0; i < n; i++) for (let t = 0; t < fanout; t++) if (snapI[i * k + t] >= 0) revCount[snapI[i * k + t]]++;
    revStart[0] = 0;
    for (let i = 0; i < n; i++) revStart[i + 1] = revStart[i] + revCount[i];
    if (rev.length < revStart[n]) rev = new Int32Array(revStart[n]);
    revCount.fill(0);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < fanout; t++) {
        const j = snapI[i * k + t];
        if (j >= 0) rev[revStart[j] + revCount[j]++] = i;
      }
    }
    let updates = 0;
    for (let i = 0; i < n; i++) {
      const base = i * k;
      mark[i] = i;
      for (let t = 0; t < k; t++) if (heapI[base + t] >= 0) mark[heapI[base + t]] = i;
      const consider = (a: number): void => {
        const oa = a * k;
        for (let u = 0; u < fanout; u++) {
          const b = snapI[oa + u];
          if (b < 0 || mark[b] === i) continue;
          mark[b] = i;
          if (tryPush(i, b, dist(i, b))) updates++;
        }
        for (let e = revStart[a]; e < revStart[a + 1]; e++) {
          const b = rev[e];
          if (mark[b] === i) continue;
          mark[b] = i;
          if (tryPush(i, b, dist(i, b))) updates++;
        }
      };
      for (let t = 0; t < fanout; t++) {
        const a = snapI[base + t];
        if (a >= 0) consider(a);
      }
      for (let e = revStart[i]; e < revStart[i + 1]; e++) consider(rev[e]);
    }
    if (updates <= 0.0005 * n * k) break;
  }
  for (let i = 0; i < n; i++) sortRowByDistance(heapI, heapD, i * k, k);
  return { n, k, indices: heapI, distances: heapD };
}
