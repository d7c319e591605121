// Float64 reference implementations in plain JS: the ground truth the engine's kernels are checked against.

export interface ConvGeometry {
  n: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  dh: number;
  dw: number;
  pt: number;
  pl: number;
  oh: number;
  ow: number;
}

/** tfjs's own geometry for 'same' / 'valid' / explicit padding (computeConv2DInfo's rules). */
export function geometry(
  x: [number, number, number, number],
  f: [number, number, number, number],
  strides: [number, number],
  dilations: [number, number],
  pad: 'same' | 'valid' | [[number, number], [number, number]],
): ConvGeometry {
  const [n, h, w, ci] = x;
  const [kh, kw, , co] = f;
  const [sh, sw] = strides;
  const [dh, dw] = dilations;
  const ekh = (kh - 1) * dh + 1;
  const ekw = (kw - 1) * dw + 1;
  let pt = 0,
    pl = 0,
    oh: number,
    ow: number;
  if (pad === 'same') {
    oh = Math.ceil(h / sh);
    ow = Math.ceil(w / sw);
    pt = Math.floor(Math.max(0, (oh - 1) * sh + ekh - h) / 2);
    pl = Math.floor(Math.max(0, (ow - 1) * sw + ekw - w) / 2);
  } else if (pad === 'valid') {
    oh = Math.ceil((h - ekh + 1) / sh);
    ow = Math.ceil((w - ekw + 1) / sw);
  } else {
    pt = pad[0][0];
    pl = pad[1][0];
    oh = Math.trunc((h - ekh + pad[0][0] + pad[0][1]) / sh + 1);
    ow = Math.trunc((w - ekw + pad[1][0] + pad[1][1]) / sw + 1);
  }
  return { n, h, w, ci, co, kh, kw, sh, sw, dh, dw, pt, pl, oh, ow };
}

function forEachTap(g: ConvGeometry, f: (xi: number, wi: number, yi: number) => void): void {
  for (let b = 0; b < g.n; b++)
    for (let i = 0; i < g.oh; i++)
      for (let j = 0; j < g.ow; j++)
        for (let a = 0; a < g.kh; a++) {
          const y = i * g.sh + a * g.dh - g.pt;
          if (y < 0 || y >= g.h) continue;
          for (let c = 0; c < g.kw; c++) {
            const x = j * g.sw + c * g.dw - g.pl;
            if (x < 0 || x >= g.w) continue;
            for (let p = 0; p < g.ci; p++)
              for (let q = 0; q < g.co; q++)
                f(
                  ((b * g.h + y) * g.w + x) * g.ci + p,
                  ((a * g.kw + c) * g.ci + p) * g.co + q,
                  ((b * g.oh + i) * g.ow + j) * g.co + q,
                );
          }
        }
}

export function conv2dRef(g: ConvGeometry, x: ArrayLike<number>, w: ArrayLike<number>): Float64Array {
  const y = new Float64Array(g.n * g.oh * g.ow * g.co);
  forEachTap(g, (xi, wi, yi) => {
    y[yi] += x[xi] * w[wi];
  });
  return y;
}

export function conv2dBackpropFilterRef(g: ConvGeometry, x: ArrayLike<number>, dy: ArrayLike<number>): Float64Array {
  const dw = new Float64Array(g.kh * g.kw * g.ci * g.co);
  forEachTap(g, (xi, wi, yi) => {
    dw[wi] += x[xi] * dy[yi];
  });
  return dw;
}

export function conv2dBackpropInputRef(g: ConvGeometry, w: ArrayLike<number>, dy: ArrayLike<number>): Float64Array {
  const dx = new Float64Array(g.n * g.h * g.w * g.ci);
  forEachTap(g, (xi, wi, yi) => {
    dx[xi] += w[wi] * dy[yi];
  });
  return dx;
}

/** Seeded uniform values in [-1, 1): tests must be reproducible. */
export function seeded(n: number, seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

/** Largest |a − b| relative to the largest |b| (or 1). */
export function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let err = 0,
    scale = 1;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  for (let i = 0; i < a.length; i++) err = Math.max(err, Math.abs(a[i] - b[i]));
  return err / scale;
}
