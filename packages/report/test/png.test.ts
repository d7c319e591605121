import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { confusionMatrixChart, lineChart, ReportError, scatterPlot, seriesColor } from '../src/index';
import { svgToPng } from '../src/png';

function decode(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

/** Pixels darker than mid-grey inside [x0, x1) × [y0, y1). */
function dark(png: PNG, x0 = 0, y0 = 0, x1 = png.width, y1 = png.height): number {
  let n = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const o = 4 * (y * png.width + x);
      if (png.data[o] + png.data[o + 1] + png.data[o + 2] < 3 * 128) n++;
    }
  }
  return n;
}

describe('svgToPng', () => {
  it('draws text with the bundled font (a text-only SVG gets dark pixels where the text is)', async () => {
    const svg = (s: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="10" y="26" font-size="16" font-family="system-ui, sans-serif">${s}</text></svg>`;
    const withText = decode(await svgToPng(svg('Accuracy 93.1 % → Δ')));
    const without = decode(await svgToPng(svg('')));
    expect([withText.width, withText.height]).toEqual([200, 40]);
    expect(dark(without)).toBe(0);
    expect(dark(withText, 10, 8, 190, 32)).toBeGreaterThan(150);
    expect(dark(withText, 0, 0, 200, 6)).toBe(0);
  });

  it('renders a chart at its size, or scaled', async () => {
    const svg = lineChart({ title: 'Loss', xLabel: 'epoch', series: [{ name: 'train', y: [0.9, 0.5, 0.3] }] });
    const one = decode(await svgToPng(svg));
    expect([one.width, one.height]).toEqual([560, 320]);
    const two = decode(await svgToPng(svg, { scale: 2 }));
    expect([two.width, two.height]).toEqual([1120, 640]);
    // the title's band has text in it
    expect(dark(one, 200, 4, 360, 26)).toBeGreaterThan(30);
  });

  it('keeps text inside the picture: nothing dark on the outermost columns and rows', async () => {
    const names = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
    const n = 2000;
    const points = Float32Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 1.3) * 10);
    const labels = Int32Array.from({ length: n }, (_, i) => i % 10);
    const pictures = [
      scatterPlot({
        points,
        labels,
        classNames: names,
        title: 'A long title for a small scatter plot of fc1 features',
        width: 360,
        height: 300,
      }),
      confusionMatrixChart({
        matrix: Array.from({ length: 100 }, (_, k) => (k % 11 === 0 ? 950 : 5)),
        size: 10,
        classNames: names,
        title: 'Fashion-MNIST',
      }),
      scatterPlot({
        points,
        labels: Int32Array.from({ length: n }, (_, i) => i % 100),
        classNames: Array.from({ length: 100 }, (_, c) => `class number ${c}`),
        title: 'CIFAR-100',
      }),
      lineChart({
        title: 'Perplexity of every model on the validation text, per epoch',
        width: 360,
        legend: 'right',
        logY: true,
        series: names.map((name, k) => ({ name, y: [300 + k, 200 + k, 150 + k] })),
      }),
    ];
    for (const svg of pictures) {
      const png = decode(await svgToPng(svg));
      expect(dark(png, 0, 0, 1, png.height)).toBe(0);
      expect(dark(png, png.width - 1, 0, png.width, png.height)).toBe(0);
      expect(dark(png, 0, 0, png.width, 1)).toBe(0);
      expect(dark(png, 0, png.height - 1, png.width, png.height)).toBe(0);
    }
  });

  it('draws a t-SNE map as a PNG: twice the size at scale 2, every class in its colour, the legend in text', async () => {
    const n = 600;
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    const points = Float32Array.from(
      { length: 2 * n },
      (_, k) => 20 * (labels[k >> 1] - 1) * (k % 2 === 0 ? 1 : 0.5) + Math.sin(k * 1.7),
    );
    const svg = scatterPlot({ points, labels, classNames: ['ant', 'bee', 'wasp'], title: 't-SNE', opacity: 1 });
    const png = decode(await svgToPng(svg, { scale: 2 }));
    expect([png.width, png.height]).toEqual([1280, 1120]);
    for (let c = 0; c < 3; c++) {
      const hex = seriesColor(c);
      const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      let same = 0;
      for (let o = 0; o < png.data.length; o += 4)
        if (png.data[o] === rgb[0] && png.data[o + 1] === rgb[1] && png.data[o + 2] === rgb[2]) same++;
      expect(same, `class ${c} (${hex})`).toBeGreaterThan(500);
    }
    // the legend (right) has text: dark pixels beside the swatches
    expect(dark(png, 1000, 0, 1280, 1120)).toBeGreaterThan(100);
  });

  it('refuses what is not SVG, with a typed error', async () => {
    await expect(svgToPng('hello')).rejects.toBeInstanceOf(ReportError);
    await expect(svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect')).rejects.toMatchObject({
      code: 'RENDER_FAILED',
    });
    await expect(
      svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>', { scale: 0 }),
    ).rejects.toMatchObject({ argument: 'options.scale' });
  });
});
