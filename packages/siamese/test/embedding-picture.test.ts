import { describe, expect, it } from 'vitest';
import { embeddingPicture } from '../src/embedding-picture';
import { lcg } from './helpers';

describe('embeddingPicture', () => {
  it('embeds a seeded subset with t-SNE and returns the map as numbers', () => {
    const rnd = lcg(1);
    const n = 150;
    const cols = 60; // wider than pcaComponents: PCA runs first
    const data = new Float32Array(n * cols);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (let c = 0; c < cols; c++) data[i * cols + c] = (c % 3 === labels[i] ? 4 : 0) + rnd();
    }
    const pic = embeddingPicture({ data, rows: n, cols }, labels, { maxPoints: 90, iterations: 300, perplexity: 10, seed: 2 });
    expect(pic.points.rows).toBe(90);
    expect(pic.points.cols).toBe(2);
    expect(new Set(pic.indices).size).toBe(90);
    pic.indices.forEach((r, i) => expect(pic.labels[i]).toBe(labels[r]));
    expect(pic.points.data.every(Number.isFinite)).toBe(true);
    expect(Object.keys(pic).sort()).toEqual(['indices', 'klDivergence', 'labels', 'points']);
    expect(Number.isFinite(pic.klDivergence)).toBe(true);
    // Three well-separated classes stay apart: each point's nearest neighbour is of its class.
    let agree = 0;
    const P = pic.points.data;
    for (let i = 0; i < 90; i++) {
      let best = -1;
      let bd = Infinity;
      for (let j = 0; j < 90; j++) {
        if (j === i) continue;
        const d = (P[2 * i] - P[2 * j]) ** 2 + (P[2 * i + 1] - P[2 * j + 1]) ** 2;
        if (d < bd) {
          bd = d;
          best = j;
        }
      }
      if (pic.labels[best] === pic.labels[i]) agree++;
    }
    expect(agree / 90).toBeGreaterThan(0.95);
  });

  it('checks its arguments', () => {
    expect(() => embeddingPicture({ data: new Float32Array(4), rows: 2, cols: 2 }, [0])).toThrow(/labels/);
  });
});
