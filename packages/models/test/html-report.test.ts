import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { layers as tfl, sequential } from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport, writeHtmlReport } from '../src/html-report';
import { evaluate } from '../src/evaluate';
import type { EpochRecord } from '../src/history';
import { cpu } from './helpers';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

let dir: string;
beforeAll(async () => {
  await cpu();
  dir = await mkdtemp(join(tmpdir(), 'dlkit-report-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const history: EpochRecord[] = [1, 2, 3, 4].map((e) => ({
  epoch: e, loss: 1 / e, accuracy: 1 - 0.5 / e, valLoss: 1.2 / e, valAccuracy: 1 - 0.6 / e,
  learningRate: 0.1 / 2 ** (e - 1), seconds: 1.5, samplesPerSecond: 1000,
}));

function input() {
  const m = sequential();
  m.add(tfl.activation({ activation: 'softmax', inputShape: [3] }));
  const ev = evaluate(m, {
    images: Float32Array.from([3, 0, 0, 0, 3, 0, 0, 0, 3, 3, 0, 0]), shape: [4, 3], labels: new Uint8Array([0, 1, 2, 1]),
    classNames: ['cat', 'dog', '<bird>'],
  });
  return { title: 'Run <1>', history, evaluation: ev, timing: { train: 6, evaluate: 0.1 }, info: { engine: 'cpu' } };
}

describe('htmlReport', () => {
  it('is one self-contained page with loss, accuracy, learning-rate, confusion and timing charts', async () => {
    const html = htmlReport(input());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('<title>Run &lt;1&gt;</title>');
    const charts = html.match(/<svg class="chart"[^>]*aria-label="([^"]+)"/g) ?? [];
    expect(charts.map((c) => /aria-label="([^"]+)"/.exec(c)?.[1])).toEqual(['Loss', 'Accuracy', 'Learning rate', 'Timing']);
    // Train and validation curves on the loss and accuracy charts, and the learning rate.
    expect(html.match(/<path class="series"/g)).toHaveLength(5);
    expect(html).toContain('Confusion matrix (test)');
    expect(html).toContain('&lt;bird&gt;');
    expect(html).toContain('weighted avg');
    for (const id of ['summary', 'curves', 'confusion', 'report', 'timing', 'epochs']) expect(html).toContain(`<section id="${id}">`);
    // Every opened tag of the sectioning structure is closed.
    for (const tag of ['section', 'svg', 'table', 'pre']) {
      expect((html.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length).toBe((html.match(new RegExp(`</${tag}>`, 'g')) ?? []).length);
    }
    const file = join(dir, 'nested', 'report.html');
    await writeHtmlReport(file, input());
    expect((await readFile(file, 'utf8')).length).toBeGreaterThan(1000);
  });

  // CI installs Debian's chromium (see .ci/run); without it the same sizes are read from the SVG attributes.
  it(`lays out every chart with a real size (${CHROMIUM ?? 'no chromium: parsed'})`, async () => {
    if (CHROMIUM === undefined) {
      const html = htmlReport(input());
      const svgs = [...html.matchAll(/<svg([^>]*)>([\s\S]*?)<\/svg>/g)];
      const attr = (a: string, n: string) => new RegExp(`${n}="([^"]*)"`).exec(a)?.[1];
      const byName = Object.fromEntries(
        svgs.map((m) => [attr(m[1], 'aria-label'), { w: Number(attr(m[1], 'width')), h: Number(attr(m[1], 'height')), k: (m[2].match(/<(path|rect|circle)/g) ?? []).length }]),
      );
      for (const name of ['Loss', 'Accuracy', 'Learning rate', 'Timing']) {
        expect(byName[name].w, name).toBeGreaterThan(100);
        expect(byName[name].h, name).toBeGreaterThan(50);
        expect(byName[name].k, name).toBeGreaterThanOrEqual(3);
      }
      expect(svgs.length).toBe(5);
      return;
    }
    const file = join(dir, 'browser.html');
    await writeHtmlReport(file, input());
    // Let the browser measure the charts: a copy of the report with a probe script that records their sizes.
    const html = (await readFile(file, 'utf8')).replace(
      '</body>',
      `<script>document.body.setAttribute('data-probe', JSON.stringify([...document.querySelectorAll('svg')].map(s => { const r = s.getBoundingClientRect(); return [s.getAttribute('aria-label') || s.getAttribute('class'), Math.round(r.width), Math.round(r.height), s.querySelectorAll('path,rect,circle').length]; })));</script></body>`,
    );
    const probe = join(dir, 'probe.html');
    await (await import('node:fs/promises')).writeFile(probe, html);
    const { stdout } = await promisify(execFile)(CHROMIUM as string, ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', `file://${probe}`], { timeout: 60_000 });
    const m = /data-probe="([^"]*)"/.exec(stdout);
    expect(m).not.toBeNull();
    const sizes = JSON.parse((m as RegExpExecArray)[1].replace(/&quot;/g, '"')) as Array<[string, number, number, number]>;
    const byName = Object.fromEntries(sizes.map(([n, w, h, k]) => [n, { w, h, k }]));
    for (const name of ['Loss', 'Accuracy', 'Learning rate', 'Timing']) {
      expect(byName[name].w, name).toBeGreaterThan(100);
      expect(byName[name].h, name).toBeGreaterThan(50);
      expect(byName[name].k, name).toBeGreaterThanOrEqual(3);
    }
    expect(sizes.length).toBe(5); // + the confusion-matrix heatmap
  });
});
