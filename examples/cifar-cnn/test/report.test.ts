import { describe, expect, it } from 'vitest';
import { findings } from '../src/findings';
import { htmlReport } from '../src/report';
import type { RunSummary } from '../src/summary';
import { fakeStudy } from './helpers';

function run(synthetic: boolean): RunSummary {
  const studies = [fakeStudy('deep', () => 0.5), fakeStudy('grid', (n) => (n.includes('7') ? 0.8 : 0.3))];
  return {
    example: 'cifar-cnn',
    source: synthetic ? 'generated CIFAR-10 stand-in (…)' : 'CIFAR-10 (/data)',
    synthetic,
    engine: 'wasm (2 threads)',
    trainSamples: 1000,
    testSamples: 500,
    settings: {
      epochs: 2,
      seed: 1,
      augment: false,
      trainPerClass: 100,
      testPerClass: 50,
      quick: false,
      channelMean: [0.5, 0.5, 0.5],
      channelStd: [0.2, 0.2, 0.2],
    },
    studies,
    findings: findings(studies, 500),
    timing: { total: 12 },
    finished: '2025-01-01T00:00:00.000Z',
  };
}

describe('htmlReport', () => {
  it('has the run facts, findings, a section per study with curves, and the grid heatmap', () => {
    const html = htmlReport(run(true));
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('generated CIFAR-10 stand-in');
    expect(html).toContain('class="warn"');
    expect(html).toContain('<section id="deep">');
    expect(html).toContain('<section id="grid">');
    for (const id of ['deep', 'grid']) {
      const section = html.slice(html.indexOf(`<section id="${id}">`)).split('</section>')[0];
      expect(section).toContain('Test accuracy per epoch');
      expect(section).toContain('Training loss per epoch');
    }
    expect(html).toContain('hidden fully connected layers');
    expect(html).toContain('ReLU (baseline)');
    expect(html).toContain('<b>inconclusive</b>');
    expect(html).not.toContain('<script');
    expect(htmlReport(run(false))).not.toContain('class="warn"');
  });

  it('draws the depth grid as a heatmap with accuracy, time and size in every cell', () => {
    const html = htmlReport(run(false));
    const grid = html.slice(html.indexOf('<section id="grid">')).split('</section>')[0];
    expect(grid).toContain('<svg class="chart heatmap"');
    expect(grid).toContain('Test accuracy (colour) and training time');
    expect(grid).toMatch(/>\d+\.\d s · \d+\.\d cpu s</);
    expect(grid).toMatch(/ params</);
  });
  it('puts the TF-tutorial baseline against PyTorch (accuracy against wall time) when --pytorch was given', () => {
    const base = run(false);
    const studies = [fakeStudy('tf', () => 0.7)];
    const withTorch: RunSummary = {
      ...base,
      studies,
      findings: findings(studies, 500),
      references: {
        seeds: 'seeds 000/004: 74.6–76 %',
        pytorch: {
          framework: 'pytorch 1.13.0',
          threads: 2,
          history: [
            { epoch: 1, testAccuracy: 0.5, seconds: 110 },
            { epoch: 2, testAccuracy: 0.6, seconds: 220 },
          ],
        },
      },
    };
    const page = htmlReport(withTorch);
    expect(page).toContain('<section id="pytorch">');
    expect(page).toContain('Test accuracy against wall time');
    expect(page).toContain('pytorch 1.13.0 (2 threads)');
    // dlkit's baseline: 35 % then 70 % after 1 s and 2 s of cumulative epoch time.
    expect(page).toContain('35.0 % @ 1 s');
    expect(page).toContain('60.0 % @ 220 s');
    expect(htmlReport({ ...withTorch, references: { seeds: '', pytorch: null } })).not.toContain('<section id="pytorch">');
  });
});
