import { describe, expect, it } from 'vitest';
import { scatterSvg } from '../src/scatter-svg.js';
import { snapshotsHtml } from '../src/snapshots-html.js';
import { matrix } from './helpers.js';

describe('snapshotsHtml', () => {
  it('puts every snapshot inline, side by side, with captions', () => {
    const Y = matrix([0, 0, 1, 1], 2, 2);
    const html = snapshotsHtml(
      [0, 10, 20].map((e) => ({ title: `epoch ${e}`, svg: scatterSvg(Y, [0, 1]), note: e === 20 ? 'T=0.99' : undefined })),
      { title: 'Features & layers', description: 'three snapshots' },
    );
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<figure>/g)).toHaveLength(3);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('<b>epoch 10</b>');
    expect(html).toContain('<br>T=0.99');
    expect(html).toContain('<h1>Features &amp; layers</h1>');
    expect(html).toContain('display: flex');
  });
});
