import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, installWasmFixups, uninstallWasmFixups } from '../src/index';
import { SIMD_VARIANT } from '../src/wasm/simd/simd-kernels';
import { maxRelError, seeded } from './helpers/reference';

type Op = 'add' | 'sub' | 'mul';
const OPS: Op[] = ['add', 'sub', 'mul'];
const apply = (op: Op, a: tf.Tensor, b: tf.Tensor) => (op === 'add' ? tf.add(a, b) : op === 'sub' ? tf.sub(a, b) : tf.mul(a, b));

// Equal shapes (vector tails of 1–3 floats), a scalar on either side, a row repeated along the other
// operand on either side (with and without leading 1s), and broadcasts the SIMD path does not take.
const PAIRS: [string, number[], number[]][] = [
  ['equal [1]', [1], [1]],
  ['equal [3]', [3], [3]],
  ['equal [7]', [7], [7]],
  ['equal [64, 256]', [64, 256], [64, 256]],
  ['equal [5, 3, 7]', [5, 3, 7], [5, 3, 7]],
  ['tensor ∘ scalar', [2, 9], []],
  ['scalar ∘ tensor', [], [13]],
  ['tensor ∘ [1]', [4, 5], [1]],
  ['rows ∘ row', [64, 10], [10]],
  ['rows ∘ [1, row]', [6, 7], [1, 7]],
  ['rank 3 ∘ trailing matrix', [5, 3, 8], [3, 8]],
  ['row ∘ rows', [9], [4, 9]],
  ['matrix ∘ [1, 1, row] (output gains a rank)', [4, 6], [1, 1, 6]],
  ['column broadcast (original kernel)', [64, 10], [64, 1]],
  ['outer broadcast (original kernel)', [3, 1], [1, 4]],
];

// Special values among the data: the SIMD loop must give the same IEEE results, signed zeros included.
function values(shape: number[], seed: number): Float32Array {
  const v = seeded(
    Math.max(
      1,
      shape.reduce((a, b) => a * b, 1),
    ),
    seed,
  );
  const specials = [0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, 1e-40, 3.4e38];
  for (let i = 0; i < v.length; i += 11) v[i] = specials[(i / 11) % specials.length];
  return v;
}

function runAll(): { shape: number[]; values: number[] }[] {
  return tf.tidy(() =>
    PAIRS.flatMap(([, sa, sb], k) =>
      OPS.map((op) => {
        const a = tf.tensor(values(sa, 3 + k), sa);
        const b = tf.tensor(values(sb, 101 + k), sb);
        const y = apply(op, a, b);
        return { shape: y.shape, values: Array.from(y.dataSync()) };
      }),
    ),
  );
}

describe.each(['auto', 'plain', 'none'] as const)('wasm Add, Sub and Multiply with a repeating operand (SIMD: %s)', (variant) => {
  let onCpu: { shape: number[]; values: number[] }[];
  let onOriginal: { shape: number[]; values: number[] }[];
  beforeAll(async () => {
    await tf.setBackend('cpu');
    onCpu = runAll();
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
    uninstallWasmFixups();
    onOriginal = runAll();
    installWasmFixups();
    SIMD_VARIANT.value = variant;
  });
  afterAll(() => {
    SIMD_VARIANT.value = 'auto';
  });

  it.each(PAIRS.map(([name, sa, sb], k) => [name, sa, sb, k] as const))(
    'gives the bits of the cpu backend and of the wasm backend’s own kernel: %s',
    (_, sa, sb, k) => {
      const before = tf.memory().numTensors;
      const got = runAll();
      expect(tf.memory().numTensors).toBe(before);
      for (let o = 0; o < OPS.length; o++) {
        const i = k * OPS.length + o;
        expect(got[i].shape).toEqual(tf.broadcast_util.assertAndGetBroadcastShape(sa, sb));
        expect(got[i]).toEqual(onCpu[i]);
        expect(got[i]).toEqual(onOriginal[i]);
      }
    },
  );

  it('leaves int32 operands to the original kernel (integer results)', () => {
    const y = tf.tidy(() => tf.sub(tf.tensor1d([7, -3, 2], 'int32'), tf.scalar(5, 'int32')));
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([2, -8, -3]);
    y.dispose();
  });

  it('rejects shapes that do not broadcast, leaking nothing', () => {
    const a = tf.tensor1d([1, 2, 3]);
    const b = tf.tensor1d([1, 2, 3, 4]);
    const before = tf.memory().numTensors;
    for (const op of OPS) expect(() => apply(op, a, b)).toThrow(/broadcast|shapes/i);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([a, b]);
  });
});

describe('gradients through the repeating Add, Sub and Multiply', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  // f(a, b) = Σ w ⊙ (a ∘ b), small operand b repeated every s elements of a (or the other way round).
  const CASES: [string, number[], number[]][] = [
    ['equal', [5, 7], [5, 7]],
    ['scalar', [3, 4], []],
    ['row', [6, 9], [9]],
    ['row first', [9], [6, 9]],
  ];
  it.each(CASES.flatMap(([name, sa, sb]) => OPS.map((op) => [`${op} ${name}`, op, sa, sb] as const)))(
    'match the float64 derivatives: %s',
    (_, op, sa, sb) => {
      const av = seeded(
        Math.max(
          1,
          sa.reduce((x, y) => x * y, 1),
        ),
        5,
      );
      const bv = seeded(
        Math.max(
          1,
          sb.reduce((x, y) => x * y, 1),
        ),
        6,
      );
      const outShape = tf.broadcast_util.assertAndGetBroadcastShape(sa, sb);
      const n = outShape.reduce((x, y) => x * y, 1);
      const wv = seeded(n, 7);
      const before = tf.memory().numTensors;
      const [ga, gb] = tf.tidy(() => {
        const w = tf.tensor(wv, outShape);
        const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(w, apply(op, a, b))));
        return grads([tf.tensor(av, sa), tf.tensor(bv, sb)]).map((g) => g.dataSync().slice());
      });
      expect(tf.memory().numTensors).toBe(before);
      // Float64 reference: element i of the output reads a[i mod |a|] and b[i mod |b|].
      const da = new Float64Array(av.length);
      const db = new Float64Array(bv.length);
      for (let i = 0; i < n; i++) {
        const x = av[i % av.length];
        const y = bv[i % bv.length];
        const [dx, dy] = op === 'add' ? [1, 1] : op === 'sub' ? [1, -1] : [y, x];
        da[i % av.length] += wv[i] * dx;
        db[i % bv.length] += wv[i] * dy;
      }
      expect(maxRelError(ga, da)).toBeLessThan(1e-5);
      expect(maxRelError(gb, db)).toBeLessThan(1e-5);
    },
  );
});
