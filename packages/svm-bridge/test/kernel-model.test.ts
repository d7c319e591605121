import { describe, expect, it } from 'vitest';
import { formatLibsvmModel, parseLibsvmModel, pairwiseDecision } from '../src/kernel-model';

const MODEL = `svm_type c_svc
kernel_type linear
nr_class 2
total_sv 2
rho 0.5
label 1 -1
nr_sv 1 1
SV
1 1:2 3:1
-1 2:1
`;

describe('parseLibsvmModel / pairwiseDecision', () => {
  it('reads sparse support vectors densely and evaluates sum(coef·K) − rho', () => {
    const m = parseLibsvmModel(MODEL, 3);
    expect(Array.from(m.sv)).toEqual([2, 0, 1, 0, 1, 0]);
    expect(Array.from(m.labels)).toEqual([1, -1]);
    // x = (1, 1, 1): 1·(2+1) − 1·1 − 0.5 = 1.5
    expect(Array.from(pairwiseDecision(m, { data: new Float32Array([1, 1, 1]), rows: 1, cols: 3 }))).toEqual([1.5]);
    expect(() => parseLibsvmModel(MODEL.replace('c_svc', 'nu_svr'), 3)).toThrow(/c_svc/);
    expect(() => parseLibsvmModel(MODEL, 2)).toThrow(/index in 1\.\.2/);
    expect(() => parseLibsvmModel('svm_type c_svc', 2)).toThrow(/SV/);
  });

  it('formatLibsvmModel writes text that parses back to the same model', () => {
    const m = parseLibsvmModel(MODEL.replace('kernel_type linear', 'kernel_type rbf\ngamma 0.1234567890123'), 3);
    m.svCoef[0] = 0.1 + 0.2; // a double that needs 17 digits
    const again = parseLibsvmModel(formatLibsvmModel(m), 3);
    expect(again.kernel).toBe('rbf');
    expect(again.gamma).toBe(0.1234567890123);
    expect(again.svCoef).toEqual(m.svCoef);
    expect(again.sv).toEqual(m.sv);
    expect(again.rho).toEqual(m.rho);
    expect(Array.from(again.labels)).toEqual([1, -1]);
  });
});
