import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkData, gatherLabels, gatherRows, subsetData } from '../src/data';
import { writeFileAtomic } from '../src/atomic-write';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpu } from './helpers';

beforeAll(cpu);

describe('data helpers', () => {
  const bytes = { images: new Uint8Array([0, 255, 51, 102, 204, 153]), shape: [3, 2], labels: new Uint8Array([2, 0, 1]) };

  it('gathers rows in any order, scaling bytes to [0, 1]', () => {
    const x = gatherRows(bytes, 2, Int32Array.from([2, 0]), 0, 2);
    expect(x.shape).toEqual([2, 2]);
    expect(Array.from(x.dataSync()).map((v) => Number(v.toFixed(3)))).toEqual([0.8, 0.6, 0, 1]);
    const y = gatherLabels(bytes, Int32Array.from([2, 0]), 0, 2);
    expect([y.dtype, Array.from(y.dataSync())]).toEqual(['int32', [1, 2]]);
    tf.dispose([x, y]);
    const sub = subsetData(bytes, Int32Array.from([1]));
    expect([Array.from(sub.images), Array.from(sub.labels), sub.shape]).toEqual([[51, 102], [0], [1, 2]]);
  });

  it('validates shapes and labels', () => {
    expect(checkData('data', bytes)).toEqual({ n: 3, size: 2 });
    expect(() => checkData('data', { ...bytes, shape: [4, 2] })).toThrow(/data.images/);
    expect(() => checkData('data', { ...bytes, images: [1, 2] as never })).toThrow(/Float32Array/);
    expect(() => checkData('data', { ...bytes, labels: [1] })).toThrow(/data.labels/);
  });

  it('writes files atomically, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-atomic-'));
    try {
      await writeFileAtomic(join(dir, 'a', 'b.txt'), 'one');
      await writeFileAtomic(join(dir, 'a', 'b.txt'), 'two');
      expect(await readFile(join(dir, 'a', 'b.txt'), 'utf8')).toBe('two');
      expect(await readdir(join(dir, 'a'))).toEqual(['b.txt']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
