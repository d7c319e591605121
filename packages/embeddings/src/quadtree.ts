import { boundingBox } from './bounding-box';
/**
 * Point-region quadtree over 2-D points stored in flat typed arrays, rebuilt every t-SNE iteration.
 * Each node keeps its cell (centre, half width), its point count and centre of mass; leaves hold one
 * position (exact duplicates share a leaf and are counted, never split). Used by the Barnes–Hut
 * repulsion (van der Maaten 2014, "Accelerating t-SNE using tree-based algorithms", JMLR 15).
 * @internal
 */
export class QuadTree {
  /** Index of the first of four children, or -1 for a leaf. */
  child: Int32Array;
  /** A representative point of a leaf, -1 when the leaf is empty. */
  point: Int32Array;
  count: Float64Array;
  comX: Float64Array;
  comY: Float64Array;
  cx: Float64Array;
  cy: Float64Array;
  half: Float64Array;
  size = 0;

  constructor(capacity = 1024) {
    this.child = new Int32Array(capacity);
    this.point = new Int32Array(capacity);
    this.count = new Float64Array(capacity);
    this.comX = new Float64Array(capacity);
    this.comY = new Float64Array(capacity);
    this.cx = new Float64Array(capacity);
    this.cy = new Float64Array(capacity);
    this.half = new Float64Array(capacity);
  }

  /** Rebuilds the tree over `Y` (n × 2 row-major). */
  build(Y: Float64Array, n: number): void {
    const [minX, minY, maxX, maxY] = boundingBox(Y, n);
    const span = Math.max(maxX - minX, maxY - minY, 1e-12);
    this.size = 0;
    this.ensure(4 * n + 4);
    this.newNode((minX + maxX) / 2, (minY + maxY) / 2, (span / 2) * (1 + 1e-6));
    const minHalf = span * 1e-13;
    for (let i = 0; i < n; i++) this.insert(Y, i, minHalf);
    const { count, comX, comY } = this;
    for (let v = 0; v < this.size; v++) {
      if (count[v] > 0) {
        comX[v] /= count[v];
        comY[v] /= count[v];
      }
    }
  }

  private ensure(cap: number): void {
    if (this.child.length >= cap) return;
    const grow = <T extends Float64Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as { new (n: number): T })(cap);
      b.set(a);
      return b;
    };
    this.child = grow(this.child);
    this.point = grow(this.point);
    this.count = grow(this.count);
    this.comX = grow(this.comX);
    this.comY = grow(this.comY);
    this.cx = grow(this.cx);
    this.cy = grow(this.cy);
    this.half = grow(this.half);
  }

  private newNode(cx: number, cy: number, half: number): number {
    if (this.size >= this.child.length) this.ensure(this.child.length * 2);
    const v = this.size++;
    this.child[v] = -1;
    this.point[v] = -1;
    this.count[v] = 0;
    this.comX[v] = 0;
    this.comY[v] = 0;
    this.cx[v] = cx;
    this.cy[v] = cy;
    this.half[v] = half;
    return v;
  }

  private insert(Y: Float64Array, i: number, minHalf: number): void {
    const x = Y[2 * i];
    const y = Y[2 * i + 1];
    let v = 0;
    for (;;) {
      this.count[v] += 1;
      this.comX[v] += x;
      this.comY[v] += y;
      const c = this.child[v];
      if (c >= 0) {
        v = c + (x >= this.cx[v] ? 1 : 0) + (y >= this.cy[v] ? 2 : 0);
        continue;
      }
      const p = this.point[v];
      if (p < 0) {
        this.point[v] = i;
        return;
      }
      const px = Y[2 * p];
      const py = Y[2 * p + 1];
      if ((px === x && py === y) || this.half[v] < minHalf) return; // duplicate: counted in this leaf
      // Subdivide: move the previous content (count - 1 points) into its quadrant.
      const h = this.half[v] / 2;
      const cx = this.cx[v];
      const cy = this.cy[v];
      const base = this.newNode(cx - h, cy - h, h);
      this.newNode(cx + h, cy - h, h);
      this.newNode(cx - h, cy + h, h);
      this.newNode(cx + h, cy + h, h);
      this.child[v] = base;
      this.point[v] = -1;
      const q = base + (px >= cx ? 1 : 0) + (py >= cy ? 2 : 0);
      // The leaf held `prev` exact duplicates of p (near-duplicates are never split, see minHalf), so
      // their sum is prev · p; subtracting the new point from the parent's sum would be off by rounding.
      const prev = this.count[v] - 1;
      this.count[q] = prev;
      this.comX[q] = prev * px;
      this.comY[q] = prev * py;
      this.point[q] = p;
      v = base + (x >= cx ? 1 : 0) + (y >= cy ? 2 : 0);
    }
  }
}
