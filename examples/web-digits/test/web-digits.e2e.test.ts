import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, requireChromium, ROOT } from './browser';

/** Strokes in pad coordinates (the pad is 280×280 CSS pixels), each a polyline drawn with the mouse. */
type Stroke = readonly (readonly [number, number])[];
const SEVEN: Stroke[] = [
  [
    [70, 60],
    [140, 58],
    [205, 60],
    [185, 110],
    [155, 170],
    [130, 235],
  ],
];
const ONE: Stroke[] = [
  [
    [150, 45],
    [146, 140],
    [142, 240],
  ],
];
// An ellipse 120 wide and 180 high, drawn in one stroke.
const ZERO: Stroke[] = [
  Array.from({ length: 25 }, (_, i) => {
    const a = (i / 24) * 2 * Math.PI;
    return [140 + 60 * Math.sin(a), 140 - 90 * Math.cos(a)] as const;
  }),
];

const reports = join(ROOT, 'reports');
let outDir: string;
let server: PreviewServer;
let url: string;
let browser: Browser;
const pageErrors: string[] = [];

// Built, served and launched once, by the first test that needs it; a missing chromium fails every test
// (with the apt-get hint) rather than skipping them.
let ready: Promise<void> | undefined;
function setUp(): Promise<void> {
  ready ??= (async () => {
    requireChromium();
    outDir = mkdtempSync(join(tmpdir(), 'web-digits-dist-'));
    ({ url, server } = await buildAndServe(outDir));
    browser = await launchChromium();
    mkdirSync(reports, { recursive: true });
  })();
  return ready;
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

async function open(path: string): Promise<Page> {
  await setUp();
  const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(new URL(path, url).href);
  await page.waitForSelector('body[data-state="ready"], body[data-state="error"]', { timeout: 30_000 });
  const state = await page.getAttribute('body', 'data-state');
  if (state !== 'ready') throw new Error(`page failed to start: ${await page.textContent('#status')} ${pageErrors.join('; ')}`);
  return page;
}

async function draw(page: Page, strokes: Stroke[]): Promise<void> {
  const box = (await page.locator('#pad').boundingBox())!;
  for (const stroke of strokes) {
    const [first, ...rest] = stroke;
    await page.mouse.move(box.x + first![0], box.y + first![1]);
    await page.mouse.down();
    for (const [x, y] of rest) await page.mouse.move(box.x + x, box.y + y, { steps: 8 });
    await page.mouse.up();
  }
}

/** Clears the pad, draws, clicks Classify; returns the predicted class and the ten bar probabilities. */
async function classify(page: Page, strokes: Stroke[]): Promise<{ predicted: string; probabilities: number[] }> {
  await page.click('#clear');
  await draw(page, strokes);
  await page.click('#classify');
  await page.waitForSelector('#prediction[data-class]');
  const predicted = (await page.getAttribute('#prediction', 'data-class'))!;
  const probabilities = await page.$$eval('#bars .bar', (rows) => rows.map((r) => Number((r as HTMLElement).dataset.p)));
  return { predicted, probabilities };
}

/** The tiny MNIST files of public/mnist-tiny/ decoded here with zlib (independently of @dlkit/datasets). */
function tinyMnistInNode(): {
  labels: Record<string, number[]>;
  counts: Record<string, number>;
  pixelSum: Record<string, number>;
  rawMd5: Record<string, string>;
} {
  const dir = join(ROOT, 'public', 'mnist-tiny');
  const files = {
    trainImages: 'train-images-idx3-ubyte.gz',
    trainLabels: 'train-labels-idx1-ubyte.gz',
    testImages: 't10k-images-idx3-ubyte.gz',
    testLabels: 't10k-labels-idx1-ubyte.gz',
  };
  const labels: Record<string, number[]> = {};
  const counts: Record<string, number> = {};
  const pixelSum: Record<string, number> = {};
  const rawMd5: Record<string, string> = {};
  for (const [key, name] of Object.entries(files)) {
    const raw = gunzipSync(readFileSync(join(dir, name)));
    counts[key] = raw.readUInt32BE(4);
    rawMd5[key] = createHash('md5').update(raw).digest('hex');
    if (key.endsWith('Labels')) labels[key] = Array.from(raw.subarray(8));
    else pixelSum[key] = raw.subarray(16).reduce((s, v) => s + v, 0);
  }
  return { labels, counts, pixelSum, rawMd5 };
}

function expectDistribution(p: number[]): void {
  expect(p).toHaveLength(10);
  for (const v of p) expect(v).toBeGreaterThanOrEqual(0);
  expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 4);
}

describe('web-digits in headless chromium', () => {
  it('classifies drawn digits on WebGL, with probabilities summing to 1', async () => {
    const page = await open('./');
    expect(await page.textContent('#engine')).toBe('webgl');
    for (const [digit, strokes] of [
      ['0', ZERO],
      ['1', ONE],
      ['7', SEVEN],
    ] as const) {
      const { predicted, probabilities } = await classify(page, strokes);
      expectDistribution(probabilities);
      expect(predicted, `drawn ${digit}, probabilities ${probabilities.map((v) => v.toFixed(3)).join(' ')}`).toBe(digit);
      expect(Math.max(...probabilities)).toBe(probabilities[Number(digit)]);
    }
    await page.screenshot({ path: join(reports, 'web-digits-webgl.png') });
    // Clear empties the pad and the bars.
    await page.click('#clear');
    expect(await page.getAttribute('#prediction', 'data-class')).toBeNull();
    expect(await page.$$eval('#bars .bar', (rows) => rows.every((r) => (r as HTMLElement).dataset.p === ''))).toBe(true);
    await page.close();
  }, 180_000); // includes the Vite build

  it('runs the wasm engine when asked with ?engine=wasm', async () => {
    const page = await open('./?engine=wasm');
    expect(await page.textContent('#engine')).toBe('wasm');
    const { predicted, probabilities } = await classify(page, SEVEN);
    expectDistribution(probabilities);
    expect(predicted, `probabilities ${probabilities.map((v) => v.toFixed(3)).join(' ')}`).toBe('7');
    await page.screenshot({ path: join(reports, 'web-digits-wasm.png') });
    await page.close();
  }, 180_000);

  it('runs metrics, layers, embeddings, datasets (incl. fetchMnist over HTTP) and models bundled for the browser (smoke page)', async () => {
    await setUp();
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(new URL('./smoke.html', url).href);
    await page.waitForSelector('body[data-state="done"], body[data-state="error"]', { timeout: 30_000 });
    const text = (await page.textContent('#results'))!;
    expect(await page.getAttribute('body', 'data-state'), text).toBe('done');
    const r = JSON.parse(text) as import('../src/smoke').SmokeResults;
    expect(r.engine).toBe('webgl');
    expect(r.confusionMatrix).toEqual([
      [2, 0, 0],
      [0, 0, 1],
      [1, 0, 2],
    ]);
    expect(r.l2Pool).toEqual([5, 10]);
    expect(r.pca.component[0]).toBeCloseTo(1 / Math.sqrt(5), 5);
    expect(r.pca.component[1]).toBeCloseTo(2 / Math.sqrt(5), 5);
    expect(r.pca.explainedVarianceRatio).toBeCloseTo(1, 6);
    expect(r.datasets.mean).toBe(3);
    expect(r.datasets.std).toBeCloseTo(Math.sqrt(5), 6);
    expect(r.datasets.normalized[0]).toBeCloseTo(-3 / Math.sqrt(5), 5);
    expect(r.datasets.trainSize + r.datasets.testSize).toBe(10);
    expect(r.convnet.probabilitySum).toBeCloseTo(1, 5);
    // fetchMnist / fetchBytes in the page (fetch, pure md5, DecompressionStream, parseIdx) agree with zlib in Node.
    const tiny = tinyMnistInNode();
    expect(r.fetchMnist.trainShape).toEqual([tiny.counts.trainImages, 28, 28, 1]);
    expect(r.fetchMnist.testShape).toEqual([tiny.counts.testImages, 28, 28, 1]);
    expect(r.fetchMnist.trainShape[0]).toBe(16);
    expect(r.fetchMnist.trainLabels).toEqual(tiny.labels.trainLabels);
    expect(r.fetchMnist.testLabels).toEqual(tiny.labels.testLabels);
    expect(r.fetchMnist.imagesType).toBe('Float32Array');
    expect(r.fetchMnist.pixelSum).toBeCloseTo((tiny.pixelSum.trainImages! + tiny.pixelSum.testImages!) / 255, 1);
    expect(r.fetchMnist.officialDigestsError).toBe('CHECKSUM Content-Encoding');
    const stored = readFileSync(join(ROOT, 'public', 'mnist-tiny', 't10k-images-idx3-ubyte.gzip'));
    expect(JSON.parse(readFileSync(join(ROOT, 'public', 'mnist-tiny', 'md5.json'), 'utf8'))).toEqual({
      't10k-images-idx3-ubyte.gzip': createHash('md5').update(stored).digest('hex'),
    });
    expect(r.fetchBytes.shape).toEqual([4, 28, 28]);
    expect(r.fetchBytes.pixelSum).toBe(tiny.pixelSum.testImages);
    expect(r.fetchBytes.md5).toBe(tiny.rawMd5.testImages);
    expect(r.cache).toEqual({ requests: 1, same: true, cacheNames: ['dlkit-datasets'] });
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 180_000);
});
