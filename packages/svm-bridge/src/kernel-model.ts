import { SvmBridgeError, describe } from './errors.js';
import type { FeatureMatrix } from './matrix.js';
import { createSimdKernels, isFloat32Exact } from './simd-kernels.js';

/** Kernel names accepted by {@link SVC}. */
export type KernelName = 'linear' | 'rbf' | 'poly' | 'sigmoid';

const KERNEL_FROM_LIBSVM: Record<string, KernelName> = { linear: 'linear', rbf: 'rbf', polynomial: 'poly', sigmoid: 'sigmoid' };

/**
 * @internal A trained libsvm C-SVC model held in typed arrays, so that prediction and decision values
 * are computed in TypeScript (libsvm-js exposes neither batch prediction nor decision values).
 */
export interface KernelModel {
  kernel: KernelName;
  gamma: number;
  coef0: number;
  degree: number;
  nClass: number;
  /** libsvm's label order (first seen at training time). */
  labels: Int32Array;
  /** One per class pair, libsvm order. */
  rho: Float64Array;
  nSV: Int32Array;
  /** (nClass - 1) × totalSV, row-major. */
  svCoef: Float64Array;
  /** totalSV × nFeatures, row-major dense. */
  sv: Float64Array;
  /** Squared norm of each support vector (for the RBF kernel). */
  svNorm: Float64Array;
  nFeatures: number;
  totalSV: number;
  probA?: Float64Array;
  probB?: Float64Array;
}

function nums(parts: string[], field: string, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = Number(parts[i]);
    if (parts[i] === undefined || !Number.isFinite(v)) throw new SvmBridgeError(`model.${field}`, describe(parts[i]), `${n} finite numbers`);
    out[i] = v;
  }
  return out;
}

/** @internal Parse libsvm's text model format into typed arrays. */
export function parseLibsvmModel(text: string, nFeatures: number): KernelModel {
  const lines = text.split('\n');
  const header = new Map<string, string[]>();
  let i = 0;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === 'SV') break;
    if (line === '') continue;
    const [key, ...rest] = line.split(/\s+/);
    header.set(key, rest);
  }
  if (i === lines.length) throw new SvmBridgeError('model', 'text without an "SV" section', 'a libsvm model file');
  const type = header.get('svm_type')?.[0];
  if (type !== 'c_svc') throw new SvmBridgeError('model.svm_type', describe(type), '"c_svc"');
  const kernelName = header.get('kernel_type')?.[0] ?? '';
  const kernel = KERNEL_FROM_LIBSVM[kernelName];
  if (!kernel) throw new SvmBridgeError('model.kernel_type', describe(kernelName), 'one of linear, rbf, polynomial, sigmoid');
  const nClass = Number(header.get('nr_class')?.[0]);
  const totalSV = Number(header.get('total_sv')?.[0]);
  if (!Number.isInteger(nClass) || nClass < 2) throw new SvmBridgeError('model.nr_class', describe(nClass), 'an integer ≥ 2');
  if (!Number.isInteger(totalSV) || totalSV < 1) throw new SvmBridgeError('model.total_sv', describe(totalSV), 'a positive integer');
  const nPairs = (nClass * (nClass - 1)) / 2;
  const rho = nums(header.get('rho') ?? [], 'rho', nPairs);
  const labels = Int32Array.from(nums(header.get('label') ?? [], 'label', nClass));
  const nSV = Int32Array.from(nums(header.get('nr_sv') ?? [], 'nr_sv', nClass));
  const probA = header.has('probA') ? nums(header.get('probA') ?? [], 'probA', nPairs) : undefined;
  const probB = header.has('probB') ? nums(header.get('probB') ?? [], 'probB', nPairs) : undefined;
  const svCoef = new Float64Array((nClass - 1) * totalSV);
  const sv = new Float64Array(totalSV * nFeatures);
  for (let s = 0; s < totalSV; s++) {
    const line = lines[i + 1 + s];
    if (line === undefined) throw new SvmBridgeError('model.SV', `${s} support vectors`, `${totalSV} (total_sv)`);
    const parts = line.trim().split(/\s+/);
    for (let k = 0; k < nClass - 1; k++) svCoef[k * totalSV + s] = Number(parts[k]);
    for (let p = nClass - 1; p < parts.length; p++) {
      const colon = parts[p].indexOf(':');
      const index = Number(parts[p].slice(0, colon));
      if (!(index >= 1 && index <= nFeatures)) {
        throw new SvmBridgeError(`model.SV[${s}]`, `feature index ${parts[p].slice(0, colon)}`, `an index in 1..${nFeatures}`);
      }
      sv[s * nFeatures + index - 1] = Number(parts[p].slice(colon + 1));
    }
  }
  const svNorm = new Float64Array(totalSV);
  for (let s = 0; s < totalSV; s++) {
    let acc = 0;
    for (let f = 0, o = s * nFeatures; f < nFeatures; f++) acc += sv[o + f] * sv[o + f];
    svNorm[s] = acc;
  }
  const num = (k: string, d: number) => (header.has(k) ? Number(header.get(k)?.[0]) : d);
  return {
    kernel,
    gamma: num('gamma', 0),
    coef0: num('coef0', 0),
    degree: num('degree', 3),
    nClass,
    labels,
    rho,
    nSV,
    svCoef,
    sv,
    svNorm,
    nFeatures,
    totalSV,
    probA,
    probB,
  };
}

/**
 * Dot products of one sample with every support vector: `dots(x, out)` writes `out[s] = x · sv_s`. The
 * support vectors are copied into WebAssembly memory and the products run in wasm SIMD (float64), with a
 * TypeScript fallback where SIMD is unavailable.
 */
function supportVectorDots(m: KernelModel): (x: Float64Array, out: Float64Array) => void {
  const { sv, nFeatures: d, totalSV } = m;
  const xBytes = ((8 * d + 63) >> 6) << 6;
  const outBytes = ((8 * totalSV + 63) >> 6) << 6;
  // Support vectors stored as float32 when that is exact (half the memory traffic, same products).
  const f32 = isFloat32Exact(sv);
  const wasm = createSimdKernels(xBytes + outBytes + (f32 ? 4 : 8) * sv.length);
  if (wasm) {
    const buf = wasm.memory.buffer;
    const xv = new Float64Array(buf, 0, d);
    const ov = new Float64Array(buf, xBytes, totalSV);
    const svOff = xBytes + outBytes;
    if (f32) new Float32Array(buf, svOff, sv.length).set(sv);
    else new Float64Array(buf, svOff, sv.length).set(sv);
    const dots = f32 ? wasm.dotsF32F64 : wasm.dotsF64;
    return (x, out) => {
      xv.set(x);
      dots(0, svOff, totalSV, d, xBytes);
      out.set(ov);
    };
  }
  return (x, out) => {
    for (let s = 0; s < totalSV; s++) {
      const so = s * d;
      let d0 = 0;
      let d1 = 0;
      let f = 0;
      for (; f + 1 < d; f += 2) {
        d0 += x[f] * sv[so + f];
        d1 += x[f + 1] * sv[so + f + 1];
      }
      if (f < d) d0 += x[f] * sv[so + f];
      out[s] = d0 + d1;
    }
  };
}

/** @internal Kernel values of one sample `x` (a Float64Array of nFeatures) against every support vector. */
function kernelRow(m: KernelModel, dots: (x: Float64Array, out: Float64Array) => void, x: Float64Array, out: Float64Array): void {
  const { nFeatures: d, totalSV, gamma, coef0, degree, kernel, svNorm } = m;
  dots(x, out);
  if (kernel === 'linear') return;
  if (kernel === 'rbf') {
    let xNorm = 0;
    for (let f = 0; f < d; f++) xNorm += x[f] * x[f];
    for (let s = 0; s < totalSV; s++) out[s] = Math.exp(-gamma * Math.max(0, xNorm + svNorm[s] - 2 * out[s]));
  } else if (kernel === 'poly') {
    for (let s = 0; s < totalSV; s++) out[s] = (gamma * out[s] + coef0) ** degree;
  } else {
    for (let s = 0; s < totalSV; s++) out[s] = Math.tanh(gamma * out[s] + coef0);
  }
}

/**
 * @internal libsvm's pairwise decision values, `rows × nPairs`, pairs in libsvm order
 * ((0,1), (0,2), …, (1,2), … over `m.labels`); positive favours the first class of the pair.
 */
export function pairwiseDecision(m: KernelModel, X: FeatureMatrix): Float64Array {
  const { nClass, totalSV, nSV, svCoef, rho } = m;
  const nPairs = (nClass * (nClass - 1)) / 2;
  const start = new Int32Array(nClass);
  for (let c = 1; c < nClass; c++) start[c] = start[c - 1] + nSV[c - 1];
  const out = new Float64Array(X.rows * nPairs);
  const k = new Float64Array(totalSV);
  const x = new Float64Array(X.cols);
  const dots = supportVectorDots(m);
  for (let r = 0; r < X.rows; r++) {
    for (let f = 0; f < X.cols; f++) x[f] = X.data[r * X.cols + f];
    kernelRow(m, dots, x, k);
    let p = 0;
    for (let i = 0; i < nClass; i++) {
      for (let j = i + 1; j < nClass; j++, p++) {
        let sum = 0;
        const ci = (j - 1) * totalSV;
        const cj = i * totalSV;
        for (let s = start[i], e = start[i] + nSV[i]; s < e; s++) sum += svCoef[ci + s] * k[s];
        for (let s = start[j], e = start[j] + nSV[j]; s < e; s++) sum += svCoef[cj + s] * k[s];
        out[r * nPairs + p] = sum - rho[p];
      }
    }
  }
  return out;
}

const KERNEL_TO_LIBSVM: Record<KernelName, string> = { linear: 'linear', rbf: 'rbf', poly: 'polynomial', sigmoid: 'sigmoid' };

/**
 * @internal Write a model in libsvm's text format (`svm_save_model`), readable by {@link parseLibsvmModel}
 * and by libsvm itself. Numbers are written with JavaScript's shortest round-trip form, so parsing the
 * text gives back the same doubles; zero features are omitted (sparse), as libsvm does.
 */
export function formatLibsvmModel(m: KernelModel): string {
  const lines = ['svm_type c_svc', `kernel_type ${KERNEL_TO_LIBSVM[m.kernel]}`];
  if (m.kernel === 'poly') lines.push(`degree ${m.degree}`);
  if (m.kernel !== 'linear') lines.push(`gamma ${m.gamma}`);
  if (m.kernel === 'poly' || m.kernel === 'sigmoid') lines.push(`coef0 ${m.coef0}`);
  lines.push(`nr_class ${m.nClass}`, `total_sv ${m.totalSV}`, `rho ${Array.from(m.rho).join(' ')}`, `label ${Array.from(m.labels).join(' ')}`);
  if (m.probA) lines.push(`probA ${Array.from(m.probA).join(' ')}`);
  if (m.probB) lines.push(`probB ${Array.from(m.probB).join(' ')}`);
  lines.push(`nr_sv ${Array.from(m.nSV).join(' ')}`, 'SV');
  const d = m.nFeatures;
  for (let s = 0; s < m.totalSV; s++) {
    const parts: string[] = [];
    for (let k = 0; k < m.nClass - 1; k++) parts.push(String(m.svCoef[k * m.totalSV + s]));
    for (let f = 0; f < d; f++) {
      const v = m.sv[s * d + f];
      if (v !== 0) parts.push(`${f + 1}:${v}`);
    }
    lines.push(parts.join(' '));
  }
  return `${lines.join('\n')}\n`;
}
