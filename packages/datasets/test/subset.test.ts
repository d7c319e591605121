import { describe, expect, it } from 'vitest';
import type { ImageDataset } from '../src/dataset';
import { gather, subset } from '../src/subset';
import { catchSync } from './helpers';

function toy(n: number): ImageDataset<Uint8Array> {
  const images = Uint8Array.from({ length: n * 4 }, (_, i) => Math.floor(i / 4));
  return {
    images,
    labels: Uint8Array.from({ length: n }, (_, i) => i % 10),
    shape: [n, 2, 2, 1],
    classNames: 'abcdefghij'.split(''),
  };
}

describe('gather and subset', () => {
  it('gather copies the chosen rows in order', () => {
    const ds = toy(20);
    const g = gather(ds, [5, 2, 5]);
    expect(g.shape).toEqual([3, 2, 2, 1]);
    expect(Array.from(g.images)).toEqual([5, 5, 5, 5, 2, 2, 2, 2, 5, 5, 5, 5]);
    expect(Array.from(g.labels)).toEqual([5, 2, 5]);
    g.images[0] = 99;
    expect(ds.images[20]).toBe(5);
    expect(catchSync(() => gather(ds, [20])).field).toBe('indices[0]');
  });

  it('a stratified 600-sample subset has 60 per class, seeded', () => {
    const ds = toy(6000);
    const s = subset(ds, 600, { seed: 1 });
    expect(s.shape[0]).toBe(600);
    const h = new Array(10).fill(0);
    for (const y of s.labels) h[y]++;
    expect(h).toEqual(new Array(10).fill(60));
    expect(Array.from(subset(ds, 600, { seed: 1 }).labels)).toEqual(Array.from(s.labels));
    // Each image still carries its own label: image i has pixel value i % 256 and label i % 10.
    expect(subset(ds, 50, { stratified: false }).shape[0]).toBe(50);
    expect(catchSync(() => subset(ds, 6001)).field).toBe('size');
  });
});
