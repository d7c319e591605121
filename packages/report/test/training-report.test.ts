import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ReportError, trainingReport, type EpochRow, type EvaluationSummary } from '../src/index';
import { parseSvg } from './support/xml';

const history: EpochRow[] = [1, 2, 3].map((epoch) => ({
  epoch,
  loss: 1 / epoch,
  accuracy: 0.5 + epoch / 10,
  valLoss: 1.1 / epoch,
  valAccuracy: 0.45 + epoch / 10,
  learningRate: 0.01 / epoch,
  seconds: 2,
  samplesPerSecond: 1234.4,
}));
const evaluation: EvaluationSummary = {
  accuracy: 0.9,
  loss: 0.31,
  topK: { 1: 0.9, 2: 0.97 },
  classNames: ['cat', '<dog>'],
  confusionMatrix: { data: new Float64Array([45, 5, 5, 45]), size: 2 },
  report: { text: '              precision    recall\n         cat       0.90      0.90' },
  perClass: {
    labels: [0, 1],
    accuracy: new Float64Array([0.9, 0.9]),
    correct: new Float64Array([45, 45]),
    total: new Float64Array([50, 50]),
  },
};

function svgs(page: string): string[] {
  return [...page.matchAll(/<svg[\s\S]*?<\/svg>/g)].map((m) => m[0]);
}

describe('trainingReport', () => {
  it('has the summary, run facts, three curves, the confusion matrix, reports, timing and the epoch table', () => {
    const page = trainingReport({
      title: 'MNIST ConvNet',
      history,
      evaluation,
      timing: { train: 6, evaluate: 0.5 },
      info: { engine: 'wasm', seed: 1 },
      date: new Date(0),
    });
    expect(page).toContain('Generated 1970-01-01T00:00:00.000Z by @dlkit/report.');
    for (const id of ['summary', 'run', 'curves', 'confusion', 'report', 'timing', 'epochs'])
      expect(page).toContain(`<section id="${id}">`);
    expect(page).toContain('<th>test accuracy</th><td>90.00 %</td>');
    expect(page).toContain('<th>top-2 accuracy</th><td>97.00 %</td>');
    expect(page).not.toContain('top-1 accuracy');
    expect(page).toContain('<th>engine</th><td>wasm</td>');
    const pictures = svgs(page);
    expect(pictures).toHaveLength(5);
    for (const svg of pictures) parseSvg(svg);
    expect(pictures.filter((s) => s.includes('class="series"'))).toHaveLength(3);
    expect(pictures[0]).toContain('>validation</text>');
    expect(page).toContain('&lt;dog&gt;');
    expect(page).not.toContain('<dog>');
    expect(page).toContain(
      '<tr><th>3</th><td>0.3333</td><td>0.8000</td><td>0.3667</td><td>0.7500</td><td>0.00333</td><td>2.00</td><td>1234</td></tr>',
    );
  });

  it('draws train curves only without validation, and a diverged epoch as a gap', () => {
    const noVal = history.map((r) => ({ ...r, valLoss: null, valAccuracy: null, loss: r.epoch === 2 ? NaN : r.loss }));
    const page = trainingReport({ title: 't', history: noVal });
    expect(page).not.toContain('>validation</text>');
    expect(page).not.toContain('<section id="confusion">');
    expect(page).toContain('<td>–</td>');
    expect(svgs(page)).toHaveLength(3);
  });

  it('refuses a history that is not an array', () => {
    expect(() => trainingReport({ title: 't', history: undefined as unknown as EpochRow[] })).toThrow(ReportError);
  });

  it('is one self-contained page: no scripts, no fetched assets, every structural tag closed', () => {
    const page = trainingReport({ title: 'Run <1>', history, evaluation, timing: { train: 6 } });
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/<script|<link|src="http|href="http/);
    expect(page).toContain('<title>Run &lt;1&gt;</title>');
    for (const tag of ['section', 'svg', 'table', 'pre']) {
      expect((page.match(new RegExp(`<${tag}[ >]`, 'g')) ?? []).length, tag).toBe(
        (page.match(new RegExp(`</${tag}>`, 'g')) ?? []).length,
      );
    }
  });

  // CI installs Debian's chromium; without it the sizes are read from the SVG attributes.
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  it(`lays out every chart with a real size in a browser (${chromium ?? 'no chromium: attributes'})`, async () => {
    const page = trainingReport({ title: 'Run', history, evaluation, timing: { train: 6, evaluate: 0.5 } });
    let sizes: Array<[string, number, number, number]>;
    if (chromium === undefined) {
      sizes = svgs(page).map((svg) => {
        const root = parseSvg(svg).documentElement;
        return [
          root?.getAttribute('aria-label') ?? '',
          Number(root?.getAttribute('width')),
          Number(root?.getAttribute('height')),
          (svg.match(/<(path|rect|circle)/g) ?? []).length,
        ];
      });
    } else {
      const dir = await mkdtemp(join(tmpdir(), 'dlkit-report-'));
      try {
        // A copy of the page with a probe that records what the browser laid out.
        const probe = `<script>document.body.setAttribute('data-probe', JSON.stringify([...document.querySelectorAll('svg')].map(s => { const r = s.getBoundingClientRect(); return [s.getAttribute('aria-label') || '', Math.round(r.width), Math.round(r.height), s.querySelectorAll('path,rect,circle').length]; })));</script></body>`;
        const file = join(dir, 'probe.html');
        await writeFile(file, page.replace('</body>', probe));
        const { stdout } = await promisify(execFile)(
          chromium,
          ['--headless', '--no-sandbox', '--disable-gpu', '--dump-dom', `file://${file}`],
          { timeout: 60_000 },
        );
        const m = /data-probe="([^"]*)"/.exec(stdout);
        expect(m).not.toBeNull();
        sizes = JSON.parse((m as RegExpExecArray)[1].replace(/&quot;/g, '"')) as Array<[string, number, number, number]>;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    expect(sizes).toHaveLength(5); // loss, accuracy, learning rate, confusion matrix, timing
    for (const [name, w, h, marks] of sizes) {
      expect(w, name).toBeGreaterThan(100);
      expect(h, name).toBeGreaterThan(50);
      expect(marks, name).toBeGreaterThanOrEqual(3);
    }
  }, 90_000);
});
