/**
 * @internal Label bookkeeping shared by every metric: the sorted set of labels present in the
 * data, and a fast label → row/column index lookup.
 */

/** Sorted unique labels present in any of the given arrays (scikit-learn's `unique_labels`). */
export function uniqueLabels(...arrays: Int32Array[]): number[] {
  let max = 0;
  let total = 0;
  for (const a of arrays) {
    total += a.length;
    for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
  }
  if (max <= Math.max(1 << 16, 4 * total)) {
    const seen = new Uint8Array(max + 1);
    for (const a of arrays) for (let i = 0; i < a.length; i++) seen[a[i]] = 1;
    const out: number[] = [];
    for (let v = 0; v <= max; v++) if (seen[v]) out.push(v);
    return out;
  }
  const all = new Int32Array(total);
  let o = 0;
  for (const a of arrays) {
    all.set(a, o);
    o += a.length;
  }
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[i - 1]) out.push(all[i]);
  return out;
}

/** Maps label values to their position in a list of labels (−1 when absent). */
export class LabelIndex {
  readonly labels: readonly number[];
  private readonly dense: Int32Array | null;
  private readonly map: Map<number, number> | null;

  constructor(labels: readonly number[]) {
    this.labels = labels;
    let max = 0;
    for (const l of labels) if (l > max) max = l;
    if (max <= Math.max(1 << 16, 8 * labels.length)) {
      this.dense = new Int32Array(max + 1).fill(-1);
      labels.forEach((l, i) => {
        this.dense![l] = i;
      });
      this.map = null;
    } else {
      this.dense = null;
      this.map = new Map(labels.map((l, i) => [l, i]));
    }
  }

  /** Position of `label` in the list, or −1. */
  indexOf(label: number): number {
    if (this.dense) return label < this.dense.length ? this.dense[label] : -1;
    return this.map!.get(label) ?? -1;
  }

  /** Positions for a whole array of labels (−1 for labels not in the list). */
  encode(values: Int32Array): Int32Array {
    const out = new Int32Array(values.length);
    const dense = this.dense;
    if (dense) {
      const n = dense.length;
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        out[i] = v < n ? dense[v] : -1;
      }
    } else {
      for (let i = 0; i < values.length; i++) out[i] = this.map!.get(values[i]) ?? -1;
    }
    return out;
  }
}
