import type { SparseMatrix } from './affinities';
import { EmbeddingError } from './errors';
import { boundingBox } from './bounding-box';
import { QuadTree } from './quadtree';

/** Scratch buffers reused across iterations. Arrays may live on SharedArrayBuffers (parallel mode). @internal */
export interface BHWorkspace {
  tree: QuadTree;
  /** Interleaved node records: centre of mass x, y, point count, squared cell width. */
  packed: Float64Array;
  /** First-child index per node, -1 for leaves. */
  kids: Int32Array;
  keys: Float64Array;
  /** Points in Morton order. */
  order: Int32Array;
  /** Unnormalised repulsive forces, 2 per point. */
  neg: Float64Array;
  /** Attractive forces, 2 per point. */
  pos: Float64Array;
  stack: Int32Array;
}

/** Largest number of points the Morton-order keys can index. @internal */
export const MAX_BH_POINTS = 1048576;

/** Creates reusable scratch space for {@link barnesHutGradient}. @internal */
export function createBHWorkspace(n: number, alloc: (bytes: number) => ArrayBufferLike = (b) => new ArrayBuffer(b)): BHWorkspace {
  if (n > MAX_BH_POINTS)
    throw new EmbeddingError('TOO_MANY_POINTS', 'X.rows', String(n), "at most 1,048,576 points with method 'barnes-hut'");
  const cap = 8 * n + 64;
  return {
    tree: new QuadTree(4 * n + 4),
    packed: new Float64Array(alloc(8 * 4 * cap)),
    kids: new Int32Array(alloc(4 * cap)),
    keys: new Float64Array(n),
    order: new Int32Array(alloc(4 * n)),
    neg: new Float64Array(alloc(8 * 2 * n)),
    pos: new Float64Array(alloc(8 * 2 * n)),
    stack: new Int32Array(1024),
  };
}

/**
 * Builds the quadtree over Y, packs it into `ws.packed`/`ws.kids` and sorts the points along a Z-order
 * curve into `ws.order`. Returns the node count, or -1 when the packed arrays are too small (then the
 * caller falls back to {@link barnesHutGradient}). @internal
 */
export function prepareTree(Y: Float64Array, n: number, ws: BHWorkspace): number {
  const { tree } = ws;
  tree.build(Y, n);
  const m = tree.size;
  if (ws.packed.length < 4 * m || ws.kids.length < m) return -1;
  const { packed, kids } = ws;
  const { child, count, comX, comY, half, point } = tree;
  for (let v = 0; v < m; v++) {
    // A leaf is summarised by its representative point's exact coordinates (its other points are exact
    // duplicates, or closer than 1e-13 of the span), so that a point's own leaf is at distance exactly 0.
    const p = child[v] < 0 ? point[v] : -1;
    packed[4 * v] = p >= 0 ? Y[2 * p] : comX[v];
    packed[4 * v + 1] = p >= 0 ? Y[2 * p + 1] : comY[v];
    packed[4 * v + 2] = count[v];
    const w = 2 * half[v];
    packed[4 * v + 3] = w * w;
    kids[v] = child[v];
  }
  mortonOrder(Y, n, ws.keys, ws.order);
  return m;
}

/**
 * Barnes–Hut approximation of the t-SNE gradient in 2-D (degrees of freedom 1), as scikit-learn's
 * `_barnes_hut_tsne.gradient`: attractive forces exactly over the sparse P, repulsive forces through the
 * quadtree with the criterion (cell width)² < θ²·dist². `grad` receives 4·(F_attr − F_rep / Z) (P is
 * expected already multiplied by any exaggeration). Returns KL(P‖Q) when `computeError`, else NaN.
 * van der Maaten 2014, "Accelerating t-SNE using tree-based algorithms", JMLR 15.
 * @internal
 */
export function barnesHutGradient(
  Y: Float64Array,
  P: SparseMatrix,
  theta: number,
  grad: Float64Array,
  ws: BHWorkspace,
  computeError: boolean,
): number {
  const n = P.n;
  if (prepareTree(Y, n, ws) < 0) {
    // Degenerate (very deep) tree: grow the packed arrays and retry.
    ws.packed = new Float64Array(8 * ws.tree.size);
    ws.kids = new Int32Array(2 * ws.tree.size);
    prepareTree(Y, n, ws);
  }
  const sumQ = repulsionKernel(Y, ws.packed, ws.kids, ws.order, 0, n, theta * theta, ws.neg, ws.stack);
  const kl = attractionKernel(Y, P.rowPtr, P.colIdx, P.values, 0, n, ws.pos, computeError, sumQ);
  combineGradient(grad, ws.pos, ws.neg, sumQ, n);
  return computeError ? kl : NaN;
}

/** grad = 4 (pos − neg / Z). @internal */
export function combineGradient(grad: Float64Array, pos: Float64Array, neg: Float64Array, sumQ: number, n: number): void {
  const invZ = 1 / sumQ;
  for (let e = 0; e < 2 * n; e++) grad[e] = 4 * (pos[e] - neg[e] * invZ);
}

/**
 * Repulsive forces for the points order[from..to): neg[2i..2i+1] = Σ_j q_ij² (y_i − y_j) (cells
 * summarised by their centre of mass), returns their part of Z = Σ q_ij. Self-contained (no outer
 * references) so that it can run inside a worker. @internal
 */
export function repulsionKernel(
  Y: Float64Array,
  packed: Float64Array,
  kids: Int32Array,
  order: Int32Array,
  from: number,
  to: number,
  theta2: number,
  neg: Float64Array,
  stack: Int32Array,
): number {
  let sumQ = 0;
  for (let t = from; t < to; t++) {
    const i = order[t];
    const xi = Y[2 * i];
    const yi = Y[2 * i + 1];
    let fx = 0;
    let fy = 0;
    let top = 0;
    stack[top++] = 0;
    while (top > 0) {
      const v = stack[--top];
      const o = 4 * v;
      const dx = xi - packed[o];
      const dy = yi - packed[o + 1];
      const d2 = dx * dx + dy * dy;
      const c = kids[v];
      if (c < 0 || packed[o + 3] < theta2 * d2) {
        // A leaf at distance 0 holds i itself (and its exact duplicates).
        const cnt = c < 0 && d2 === 0 ? packed[o + 2] - 1 : packed[o + 2];
        const q = 1 / (1 + d2);
        sumQ += cnt * q;
        const mq2 = cnt * q * q;
        fx += mq2 * dx;
        fy += mq2 * dy;
      } else {
        // Push non-empty children only (depth ≤ ~45, so the stack never exceeds 4 · 45 entries).
        if (packed[4 * c + 2] > 0) stack[top++] = c;
        if (packed[4 * c + 6] > 0) stack[top++] = c + 1;
        if (packed[4 * c + 10] > 0) stack[top++] = c + 2;
        if (packed[4 * c + 14] > 0) stack[top++] = c + 3;
      }
    }
    neg[2 * i] = fx;
    neg[2 * i + 1] = fy;
  }
  return sumQ;
}

/**
 * Attractive forces for rows [from, to) of the sparse P: pos[2i..2i+1] = Σ_j p_ij q_ij (y_i − y_j).
 * With `computeError`, returns these rows' part of KL(P‖Q) given Z = `sumQ` (else 0). Self-contained
 * for workers. @internal
 */
export function attractionKernel(
  Y: Float64Array,
  rowPtr: Int32Array,
  colIdx: Int32Array,
  values: Float64Array,
  from: number,
  to: number,
  pos: Float64Array,
  computeError: boolean,
  sumQ: number,
): number {
  const invZ = 1 / sumQ;
  const tiny = 1.1754944e-38;
  let kl = 0;
  for (let i = from; i < to; i++) {
    const xi = Y[2 * i];
    const yi = Y[2 * i + 1];
    let fx = 0;
    let fy = 0;
    const end = rowPtr[i + 1];
    for (let e = rowPtr[i]; e < end; e++) {
      const j = colIdx[e];
      const dx = xi - Y[2 * j];
      const dy = yi - Y[2 * j + 1];
      const q = 1 / (1 + dx * dx + dy * dy);
      const pq = values[e] * q;
      fx += pq * dx;
      fy += pq * dy;
    }
    if (computeError) {
      for (let e = rowPtr[i]; e < end; e++) {
        const j = colIdx[e];
        const dx = xi - Y[2 * j];
        const dy = yi - Y[2 * j + 1];
        const q = 1 / (1 + dx * dx + dy * dy);
        const p = values[e];
        kl += p * Math.log(Math.max(p, tiny) / Math.max(q * invZ, tiny));
      }
    }
    pos[2 * i] = fx;
    pos[2 * i + 1] = fy;
  }
  return kl;
}

/** Point indices sorted along a Z-order curve of their positions. */
function mortonOrder(Y: Float64Array, n: number, keys: Float64Array, order: Int32Array): void {
  const [minX, minY, maxX, maxY] = boundingBox(Y, n);
  const sx = 65535 / Math.max(maxX - minX, 1e-300);
  const sy = 65535 / Math.max(maxY - minY, 1e-300);
  for (let i = 0; i < n; i++) {
    const code = interleave(Math.floor((Y[2 * i] - minX) * sx)) | (interleave(Math.floor((Y[2 * i + 1] - minY) * sy)) << 1);
    keys[i] = (code >>> 0) * MAX_BH_POINTS + i;
  }
  keys.sort();
  for (let t = 0; t < n; t++) order[t] = keys[t] % MAX_BH_POINTS;
}

function interleave(v: number): number {
  v &= 0xffff;
  v = (v | (v << 8)) & 0x00ff00ff;
  v = (v | (v << 4)) & 0x0f0f0f0f;
  v = (v | (v << 2)) & 0x33333333;
  v = (v | (v << 1)) & 0x55555555;
  return v;
}
