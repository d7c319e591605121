import type { LabeledData as CoreLabeledData } from '@dlkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { findInvalidLabel } from '@dlkit/core';
import { check, ModelsError } from './errors';

/**
 * Labelled samples: `@dlkit/core`'s `LabeledData` (images any typed array of `Uint8Array | Float32Array`, `shape`
 * `[n, ...sample]`, labels, optional class names). `Uint8Array` bytes are scaled to [0, 1] (÷255) on the way to
 * the model; a datasets `ImageDataset` is one as it is.
 */
export type LabeledData = CoreLabeledData;

/** Validates a {@link LabeledData}; returns `[n, sampleSize]`. Internal. */
export function checkData(argument: string, data: LabeledData, requireLabels = true): { n: number; size: number } {
  check(typeof data === 'object' && data !== null, argument, data, 'an object { images, shape, labels }');
  const { images, shape, labels } = data;
  check(
    images instanceof Float32Array || images instanceof Uint8Array,
    `${argument}.images`,
    images,
    'a Float32Array or Uint8Array',
  );
  check(
    Array.isArray(shape) && shape.length >= 2 && shape.every((v) => Number.isInteger(v) && v >= 0),
    `${argument}.shape`,
    shape,
    '[n, ...sampleShape] of non-negative integers',
  );
  const n = shape[0];
  const size = shape.slice(1).reduce((a, b) => a * b, 1);
  check(
    images.length === n * size,
    `${argument}.images`,
    `${images.length} values`,
    `${n * size} values for shape [${shape.join(', ')}]`,
  );
  if (requireLabels) {
    check(
      labels !== undefined && labels !== null && typeof labels.length === 'number' && labels.length === n,
      `${argument}.labels`,
      labels === undefined ? undefined : `${labels.length} labels`,
      `${n} labels (one per sample)`,
    );
  }
  return { n, size };
}

/**
 * Checks every label is an integer class id in `[0, numClasses)` — as Keras and PyTorch do before training —
 * or throws a {@link ModelsError} naming the first bad one (`data.labels[12]`, code `'BAD_LABEL'`). Internal.
 */
export function checkLabels(argument: string, labels: ArrayLike<number>, numClasses: number): void {
  const bad = findInvalidLabel(labels, numClasses);
  if (bad !== undefined) {
    throw new ModelsError(
      `${argument}.labels[${bad.index}]`,
      bad.value,
      `an integer class id in [0, ${numClasses}) (the model has ${numClasses} outputs)`,
      undefined,
      { code: 'BAD_LABEL' },
    );
  }
}

/**
 * Checks that samples of shape `shape.slice(1)` fit the model's (single) input, or throws a
 * {@link ModelsError} naming both shapes (`data.shape`, code `'BAD_SHAPE'`) — Keras' "expected shape …, found
 * shape …" — before any tensor is made. Internal.
 */
export function checkInputShape(argument: string, model: LayersModel, shape: readonly number[]): void {
  check(model.inputs.length === 1, 'model', `${model.inputs.length} inputs`, 'a model with one input');
  const want = model.inputs[0].shape;
  const sample = want.slice(1);
  const got = shape.slice(1);
  const fits = got.length === sample.length && sample.every((d, i) => d === null || d === got[i]);
  if (!fits) {
    throw new ModelsError(
      `${argument}.shape`,
      [...shape],
      `samples of shape [${sample.map(String).join(', ')}] (the model's input shape is [${want.map(String).join(', ')}])`,
      undefined,
      { code: 'BAD_SHAPE' },
    );
  }
}

/** Copies the rows `index[start … end)` of `data` into a new float32 tensor. Internal. */
export function gatherRows(data: LabeledData, size: number, index: Int32Array | null, start: number, end: number): tf.Tensor {
  const rows = end - start;
  const out = new Float32Array(rows * size);
  const src = data.images;
  const bytes = src instanceof Uint8Array;
  for (let r = 0; r < rows; r++) {
    const i = index === null ? start + r : index[start + r];
    const from = i * size;
    if (bytes) {
      const o = r * size;
      for (let k = 0; k < size; k++) out[o + k] = src[from + k] / 255;
    } else {
      out.set((src as Float32Array).subarray(from, from + size), r * size);
    }
  }
  return tf.tensor(out, [rows, ...data.shape.slice(1)], 'float32');
}

/** The labels of rows `index[start … end)` as an int32 tensor. Internal. */
export function gatherLabels(data: LabeledData, index: Int32Array | null, start: number, end: number): tf.Tensor1D {
  const out = new Int32Array(end - start);
  for (let r = 0; r < out.length; r++) out[r] = data.labels[index === null ? start + r : index[start + r]];
  return tf.tensor1d(out, 'int32');
}

/** A view of `data` restricted to `index` (copies the rows). Internal. */
export function subsetData(data: LabeledData, index: Int32Array): LabeledData {
  const size = data.shape.slice(1).reduce((a, b) => a * b, 1);
  const images = data.images instanceof Uint8Array ? new Uint8Array(index.length * size) : new Float32Array(index.length * size);
  const labels = new Int32Array(index.length);
  for (let r = 0; r < index.length; r++) {
    const i = index[r];
    images.set(data.images.subarray(i * size, (i + 1) * size), r * size);
    labels[r] = data.labels[i];
  }
  return { images, labels, shape: [index.length, ...data.shape.slice(1)], classNames: data.classNames };
}
