// Float64 plain-JS references of every layer and loss, written from the formulas, not from the source.
// Images are NHWC, flattened row-major.

export type Shape4 = [number, number, number, number];
const at = (s: Shape4, n: number, i: number, j: number, c: number): number => ((n * s[1] + i) * s[2] + j) * s[3] + c;

function samePad(size: number, k: number, stride: number): number {
  const out = Math.ceil(size / stride);
  return Math.floor(Math.max((out - 1) * stride + k - size, 0) / 2);
}

export function l2Pool(
  x: Float64Array,
  s: Shape4,
  k: [number, number],
  st: [number, number],
  padding: 'valid' | 'same',
): Float64Array {
  const oh = padding === 'same' ? Math.ceil(s[1] / st[0]) : Math.floor((s[1] - k[0]) / st[0]) + 1;
  const ow = padding === 'same' ? Math.ceil(s[2] / st[1]) : Math.floor((s[2] - k[1]) / st[1]) + 1;
  const top = padding === 'same' ? samePad(s[1], k[0], st[0]) : 0;
  const left = padding === 'same' ? samePad(s[2], k[1], st[1]) : 0;
  const out = new Float64Array(s[0] * oh * ow * s[3]);
  let o = 0;
  for (let n = 0; n < s[0]; n++)
    for (let i = 0; i < oh; i++)
      for (let j = 0; j < ow; j++)
        for (let c = 0; c < s[3]; c++) {
          let sum = 0;
          for (let a = 0; a < k[0]; a++)
            for (let b = 0; b < k[1]; b++) {
              const ii = i * st[0] + a - top;
              const jj = j * st[1] + b - left;
              if (ii >= 0 && ii < s[1] && jj >= 0 && jj < s[2]) sum += x[at(s, n, ii, jj, c)] ** 2;
            }
          out[o++] = Math.sqrt(sum);
        }
  return out;
}

/** 2-D weights of a 1-D (separable) or 2-D kernel. */
export function weights2d(kernel: number[] | number[][]): number[][] {
  return Array.isArray(kernel[0])
    ? (kernel as number[][])
    : (kernel as number[]).map((a) => (kernel as number[]).map((b) => a * b));
}

/** Σ_c Σ_ab w_ab v[n, i+a−p, j+b−q, c] / (C Σw), and the same for v ≡ 1 (Torch's coef). Output [N,H,W]. */
function localSums(v: Float64Array, s: Shape4, kernel: number[] | number[][]): { sums: Float64Array; coef: Float64Array } {
  const w = weights2d(kernel);
  const total = w.flat().reduce((a, b) => a + b, 0);
  const kh = w.length;
  const kw = w[0].length;
  const sums = new Float64Array(s[0] * s[1] * s[2]);
  const coef = new Float64Array(s[0] * s[1] * s[2]);
  for (let n = 0; n < s[0]; n++)
    for (let i = 0; i < s[1]; i++)
      for (let j = 0; j < s[2]; j++) {
        let acc = 0;
        let inside = 0;
        for (let a = 0; a < kh; a++)
          for (let b = 0; b < kw; b++) {
            const ii = i + a - (kh - 1) / 2;
            const jj = j + b - (kw - 1) / 2;
            if (ii < 0 || ii >= s[1] || jj < 0 || jj >= s[2]) continue;
            const wt = w[a][b] / total / s[3];
            for (let c = 0; c < s[3]; c++) {
              acc += wt * v[at(s, n, ii, jj, c)];
              inside += wt;
            }
          }
        sums[(n * s[1] + i) * s[2] + j] = acc;
        coef[(n * s[1] + i) * s[2] + j] = inside;
      }
  return { sums, coef };
}

export function subtractive(x: Float64Array, s: Shape4, kernel: number[] | number[][]): Float64Array {
  const { sums, coef } = localSums(x, s, kernel);
  return x.map((v, idx) => {
    const p = Math.floor(idx / s[3]);
    return v - sums[p] / coef[p];
  });
}

export function divisive(
  x: Float64Array,
  s: Shape4,
  kernel: number[] | number[][],
  threshold = 1e-4,
  thresval = 1e-4,
): Float64Array {
  const { sums, coef } = localSums(
    x.map((v) => v * v),
    s,
    kernel,
  );
  return x.map((v, idx) => {
    const p = Math.floor(idx / s[3]);
    const std = Math.sqrt(sums[p]) / coef[p];
    return v / (std > threshold ? std : thresval);
  });
}

export function lrn(x: Float64Array, s: Shape4, size: number, alpha: number, beta: number, k: number): Float64Array {
  const r = (size - 1) / 2;
  return x.map((v, idx) => {
    const c = idx % s[3];
    const base = idx - c;
    let sum = 0;
    for (let d = Math.max(0, c - r); d <= Math.min(s[3] - 1, c + r); d++) sum += x[base + d] ** 2;
    return v / (k + alpha * sum) ** beta;
  });
}

export function softmaxRows(x: Float64Array, cols: number, beta = 1): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < x.length / cols; r++) {
    let m = -Infinity;
    for (let j = 0; j < cols; j++) m = Math.max(m, beta * x[r * cols + j]);
    let z = 0;
    for (let j = 0; j < cols; j++) z += Math.exp(beta * x[r * cols + j] - m);
    for (let j = 0; j < cols; j++) out[r * cols + j] = Math.exp(beta * x[r * cols + j] - m) / z;
  }
  return out;
}

export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

/** Elman forward: x [N,T,F], W [F,U], R [U,U], b [U], h0 [N,U]; returns every h_t [N,T,U] and the last h. */
export function elmanForward(
  x: Float64Array,
  n: number,
  t: number,
  f: number,
  units: number,
  W: Float64Array,
  R: Float64Array,
  b: Float64Array,
  h0?: Float64Array,
): { sequence: Float64Array; last: Float64Array } {
  const seq = new Float64Array(n * t * units);
  let h = h0 ? Float64Array.from(h0) : new Float64Array(n * units);
  for (let step = 0; step < t; step++) {
    const next = new Float64Array(n * units);
    for (let r = 0; r < n; r++)
      for (let u = 0; u < units; u++) {
        let a = b[u];
        for (let k = 0; k < f; k++) a += x[(r * t + step) * f + k] * W[k * units + u];
        for (let k = 0; k < units; k++) a += h[r * units + k] * R[k * units + u];
        next[r * units + u] = sigmoid(a);
        seq[(r * t + step) * units + u] = next[r * units + u];
      }
    h = next;
  }
  return { sequence: seq, last: h };
}
