import { SvmBridgeError, describe } from './errors';
import type { FeatureMatrix } from './matrix';
import { createSimdKernels, isFloat32Exact } from './simd-kernels';

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

/** @internal Where a libsvm model text came from, for error messages, and how strictly to read its numbers. */
export interface ParseModelOptions {
  /** Name of the model in messages (`'model'`, `'text.models[0]'`). Default `'model'`. */
  field?: string;
  /** The file it was read from. */
  file?: string;
  /**
   * Text just written by a solver: NaN/inf coefficients and intercepts are read as such (libsvm writes `nan`,
   * `-nan`), so the caller reports a non-finite solution in scikit-learn's words instead of a parse error.
   */
  trained?: boolean;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** libsvm's `%g` spellings of non-finite values, read only from a solver's own output. */
function solverNumber(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  const t = text.toLowerCase();
  if (t === 'nan' || t === '-nan') return Number.NaN;
  if (t === 'inf' || t === '+inf') return Number.POSITIVE_INFINITY;
  if (t === '-inf') return Number.NEGATIVE_INFINITY;
  return text === '' ? Number.NaN : Number(text);
}

/** @internal Parse libsvm's text model format into typed arrays, validating every count and number. */
export function parseLibsvmModel(text: string, nFeatures: number, options: ParseModelOptions = {}): KernelModel {
  const at = options.field ?? 'model';
  const source = { file: options.file };
  const fail = (field: string, received: string, expected: string, hint?: string): never => {
    throw new SvmBridgeError(`${at}${field}`, received, expected, hint, source);
  };
  /** Exactly `n` numbers; finite unless `solution` values from a fresh fit. */
  const nums = (parts: string[] | undefined, field: string, n: number, solution = false): Float64Array => {
    const list = parts ?? [];
    const what = `${n} finite number${n === 1 ? '' : 's'}`;
    if (list.length !== n) fail(`.${field}`, `${list.length} value${list.length === 1 ? '' : 's'}`, what);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const v = solution && options.trained ? solverNumber(list[i]) : list[i] === '' ? Number.NaN : Number(list[i]);
      if (!(solution && options.trained) && !Number.isFinite(v)) fail(`.${field}`, describe(list[i]), what);
      if (solution && options.trained && Number.isNaN(v) && !/^[+-]?nan$/i.test(list[i]))
        fail(`.${field}`, describe(list[i]), what);
      out[i] = v;
    }
    return out;
  };
  const ints = (parts: string[] | undefined, field: string, n: number, min: number): Int32Array => {
    const values = nums(parts, field, n);
    for (let i = 0; i < n; i++) {
      if (!Number.isInteger(values[i]) || values[i] < min || values[i] > INT32_MAX) {
        fail(`.${field}`, describe(parts?.[i]), `${n} integer${n === 1 ? '' : 's'} in [${min}, ${INT32_MAX}]`);
      }
    }
    return Int32Array.from(values);
  };
  if (typeof text !== 'string') fail('', describe(text), 'a libsvm model string');
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
  if (i === lines.length) fail('', 'text without an "SV" section', 'a libsvm model file');
  const type = header.get('svm_type')?.[0];
  if (type !== 'c_svc') fail('.svm_type', describe(type), '"c_svc"');
  const kernelName = header.get('kernel_type')?.[0] ?? '';
  const kernel = KERNEL_FROM_LIBSVM[kernelName];
  if (!kernel) fail('.kernel_type', describe(kernelName), 'one of linear, rbf, polynomial, sigmoid');
  const nClass = Number(header.get('nr_class')?.[0]);
  const totalSV = Number(header.get('total_sv')?.[0]);
  if (!Number.isInteger(nClass) || nClass < 2 || nClass > 65536)
    fail('.nr_class', describe(header.get('nr_class')?.[0]), 'an integer ≥ 2');
  if (!Number.isInteger(totalSV) || totalSV < 1 || totalSV > INT32_MAX)
    fail('.total_sv', describe(header.get('total_sv')?.[0]), 'a positive integer');
  const nPairs = (nClass * (nClass - 1)) / 2;
  const rho = nums(header.get('rho'), 'rho', nPairs, true);
  const labels = ints(header.get('label'), 'label', nClass, INT32_MIN);
  if (new Set(labels).size !== nClass) fail('.label', `[${Array.from(labels).join(', ')}]`, `${nClass} distinct labels`);
  const nSV = ints(header.get('nr_sv'), 'nr_sv', nClass, 0);
  const sumSV = nSV.reduce((a, b) => a + b, 0);
  if (sumSV !== totalSV) fail('.nr_sv', `[${Array.from(nSV).join(', ')}]`, `counts that sum to total_sv = ${totalSV}`);
  const probA = header.has('probA') ? nums(header.get('probA'), 'probA', nPairs) : undefined;
  const probB = header.has('probB') ? nums(header.get('probB'), 'probB', nPairs) : undefined;
  const scalar = (key: string, fallback: number, ok: (v: number) => boolean, expected: string): number => {
    if (!header.has(key)) return fallback;
    const raw = header.get(key)?.[0];
    const v = raw === undefined || raw === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(v) || !ok(v)) fail(`.${key}`, describe(raw), expected);
    return v;
  };
  const usesGamma = kernel !== 'linear';
  if (usesGamma && !header.has('gamma')) fail('.gamma', 'undefined', 'a positive finite number');
  const gamma = scalar('gamma', 0, (v) => !usesGamma || v > 0, usesGamma ? 'a positive finite number' : 'a finite number');
  const coef0 = scalar('coef0', 0, () => true, 'a finite number');
  const degree = scalar('degree', 3, (v) => Number.isInteger(v) && v >= 1, 'a positive integer');
  const svCoef = new Float64Array((nClass - 1) * totalSV);
  const sv = new Float64Array(totalSV * nFeatures);
  for (let s = 0; s < totalSV; s++) {
    const line = lines[i + 1 + s];
    if (line === undefined || line.trim() === '') fail('.SV', `${s} support vectors`, `${totalSV} (total_sv)`);
    const parts = line.trim().split(/\s+/);
    if (parts.length < nClass - 1)
      fail(`.SV[${s}]`, `${parts.length} values`, `${nClass - 1} coefficients, then index:value pairs`);
    for (let k = 0; k < nClass - 1; k++) {
      const v = options.trained ? solverNumber(parts[k]) : Number(parts[k]);
      if (options.trained ? Number.isNaN(v) && !/^[+-]?nan$/i.test(parts[k]) : !Number.isFinite(v)) {
        fail(`.SV[${s}].coef`, describe(parts[k]), 'a finite number');
      }
      svCoef[k * totalSV + s] = v;
    }
    for (let p = nClass - 1; p < parts.length; p++) {
      const colon = parts[p].indexOf(':');
      if (colon < 0) fail(`.SV[${s}]`, describe(parts[p]), 'index:value pairs after the coefficients');
      const rawIndex = parts[p].slice(0, colon);
      const index = rawIndex === '' ? Number.NaN : Number(rawIndex);
      if (!(Number.isInteger(index) && index >= 1 && index <= nFeatures)) {
        fail(`.SV[${s}]`, `feature index ${rawIndex}`, `an index in 1..${nFeatures}`);
      }
      const rawValue = parts[p].slice(colon + 1);
      const value = rawValue === '' ? Number.NaN : Number(rawValue);
      if (!Number.isFinite(value)) fail(`.SV[${s}][${index}]`, describe(rawValue), 'a finite number');
      sv[s * nFeatures + index - 1] = value;
    }
  }
  for (let r = i + 1 + totalSV; r < lines.length; r++) {
    if (lines[r].trim() !== '') fail('.SV', `more than ${totalSV} support vectors`, `${totalSV} (total_sv)`);
  }
  const svNorm = new Float64Array(totalSV);
  for (let s = 0; s < totalSV; s++) {
    let acc = 0;
    for (let f = 0, o = s * nFeatures; f < nFeatures; f++) acc += sv[o + f] * sv[o + f];
    svNorm[s] = acc;
  }
  return {
    kernel,
    gamma,
    coef0,
    degree,
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
  lines.push(
    `nr_class ${m.nClass}`,
    `total_sv ${m.totalSV}`,
    `rho ${Array.from(m.rho).join(' ')}`,
    `label ${Array.from(m.labels).join(' ')}`,
  );
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
