import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { featureMapGrid, featureMapGridPng, featureMapsSvg, ReportError } from '../src/index';
import { elements, parseSvg, texts } from './support/xml';

// 2 × 2 maps, 3 channels, channels last: channel 0 ramps 0..3, channel 1 is constant, channel 2 ramps down.
const hwc = new Float32Array([0, 5, 3, 1, 5, 2, 2, 5, 1, 3, 5, 0]);

describe('featureMapGrid', () => {
  it('scales each map to 0–255 on its own, constant maps mid-grey, white gaps', () => {
    const img = featureMapGrid({ layer: 'conv1', height: 2, width: 2, channels: 3, data: hwc }, { columns: 3, scale: 1, gap: 1 });
    expect([img.width, img.height, img.channels]).toEqual([3 * 2 + 4, 2 + 2, 1]);
    const at = (x: number, y: number) => img.pixels[y * img.width + x];
    expect([at(1, 1), at(2, 1), at(1, 2), at(2, 2)]).toEqual([0, 85, 170, 255]);
    expect(at(4, 1)).toBe(128);
    expect([at(7, 1), at(8, 2)]).toEqual([255, 0]);
    expect(at(0, 0)).toBe(255);
  });

  it('reads channels-first data the same way', () => {
    const chw = new Float32Array(12);
    for (let y = 0; y < 2; y++)
      for (let x = 0; x < 2; x++) for (let c = 0; c < 3; c++) chw[(c * 2 + y) * 2 + x] = hwc[(y * 2 + x) * 3 + c];
    const a = featureMapGrid({ layer: 'l', height: 2, width: 2, channels: 3, data: hwc });
    const b = featureMapGrid({ layer: 'l', height: 2, width: 2, channels: 3, data: chw, layout: 'chw' });
    expect(b.pixels).toEqual(a.pixels);
  });

  it('encodes the grid as a PNG of the grid size', () => {
    const png = PNG.sync.read(
      Buffer.from(featureMapGridPng({ layer: 'l', height: 2, width: 2, channels: 3, data: hwc }, { scale: 3 })),
    );
    const img = featureMapGrid({ layer: 'l', height: 2, width: 2, channels: 3, data: hwc }, { scale: 3 });
    expect([png.width, png.height]).toEqual([img.width, img.height]);
  });

  it('refuses data that does not match the shape, and NaN', () => {
    expect(() => featureMapGrid({ layer: 'l', height: 2, width: 2, channels: 3, data: new Float32Array(11) })).toThrow(
      /height × width × channels/,
    );
    const nan = hwc.slice();
    nan[4] = NaN;
    expect(() => featureMapGrid({ layer: 'l', height: 2, width: 2, channels: 3, data: nan })).toThrow(ReportError);
  });
});

describe('featureMapsSvg', () => {
  it('stacks a captioned, embedded PNG grid per layer', () => {
    const doc = parseSvg(
      featureMapsSvg([
        { layer: 'conv1', height: 2, width: 2, channels: 3, data: hwc },
        { layer: 'pool<1>', height: 1, width: 1, channels: 12, data: hwc },
      ]),
    );
    expect(texts(doc)).toEqual(['conv1 — 3 maps of 2×2', 'pool<1> — 12 maps of 1×1']);
    const images = elements(doc, 'image');
    expect(images).toHaveLength(2);
    const uri = images[0].getAttribute('href') ?? '';
    expect(uri.startsWith('data:image/png;base64,')).toBe(true);
    const png = PNG.sync.read(Buffer.from(uri.slice('data:image/png;base64,'.length), 'base64'));
    expect(png.width).toBe(Number(images[0].getAttribute('width')));
  });

  it('names the layer at fault', () => {
    try {
      featureMapsSvg([
        { layer: 'a', height: 2, width: 2, channels: 3, data: hwc },
        { layer: 'b', height: 2, width: 2, channels: 3, data: new Float32Array(2) },
      ]);
      throw new Error('did not throw');
    } catch (e) {
      expect((e as ReportError).argument).toBe('layers[1].data');
    }
    expect(() => featureMapsSvg([])).toThrow(/at least one layer/);
  });
});
