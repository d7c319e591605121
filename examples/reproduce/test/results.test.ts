import type { SweepReport, TrialRecord } from '@dlkit/sweep';
import { describe, expect, it } from 'vitest';
import { planExperiments } from '../src/plan';
import { assembleResults, claimMet } from '../src/results';
import { formatFigure, resultsPageHtml } from '../src/results-page';
import type { ExperimentTrialResult } from '../src/trials';

const paths = { data: '/d', fashion: '/f', cifar10: '/d/cifar10/cifar10-jpg.tar.gz', ptb: '/d/ptb' };

function record(id: string, result?: Partial<ExperimentTrialResult>, error?: string): TrialRecord {
  return {
    sweep: 'reproduce',
    id,
    key: `key-${id}`,
    trial: { module: 'm', name: 'n' },
    settings: {},
    seed: 1,
    status: error ? 'failed' : 'ok',
    ...(error ? { error: { name: 'ReproduceError', message: error } } : {}),
    ...(result
      ? {
          result: {
            engine: 'wasm (2 threads)',
            node: 'v24.0.0',
            host: 'h',
            seconds: 12,
            command: `(cd examples/${id} && …)`,
            json: '/j',
            log: '/l',
            pictures: [],
            figures: {},
            ...result,
          } as never,
        }
      : {}),
    where: { host: 'h', pid: 1, worker: 'local' },
    startedAt: '2026-12-02T00:00:00.000Z',
    seconds: 12,
    processSeconds: 13,
    attempts: 1,
  };
}

describe('the results', () => {
  it('claimMet: at least as good as the seed, within the tolerance; null without a figure', () => {
    expect(claimMet({ seed: 0.746, better: 'higher' }, 0.75)).toBe(true);
    expect(claimMet({ seed: 0.746, better: 'higher' }, 0.7)).toBe(false);
    expect(claimMet({ seed: 141.2, better: 'lower', tolerance: 0.01 }, 142.5)).toBe(true);
    expect(claimMet({ seed: 141.2, better: 'lower', tolerance: 0.01 }, 143)).toBe(false);
    expect(claimMet({ seed: null, better: 'higher' }, 0.5)).toBeNull();
    expect(claimMet({ seed: 95.5, better: 'lower' }, null)).toBeNull();
  });

  it('puts the seed’s, dlkit’s and PyTorch’s figures side by side; failed and skipped experiments say why', () => {
    const plan = planExperiments({
      paths,
      quick: false,
      out: '/o',
      python: 'py',
      only: ['cifar-tf', 'pytorch-cifar', 'rnnlm', 'siamese'],
      pythonHasTorch: () => true,
    });
    // Pretend the data is there for all but siamese.
    for (const p of plan) {
      if (p.experiment.id === 'siamese') {
        p.command = undefined;
        p.missing = [{ path: '/d/cifar10/cifar10-jpg.tar.gz', what: 'CIFAR-10' }];
      } else {
        p.missing = [];
        p.command = p.experiment.command({ paths, quick: false, dir: p.dir, python: 'py' });
      }
    }
    const report: SweepReport = {
      sweep: 'reproduce',
      mode: 'local',
      workers: 1,
      records: [
        record('cifar-tf', {
          figures: { baseline: 0.752, 'batch 128': 0.74 },
          curve: { seconds: [300, 610], accuracy: [0.55, 0.752] },
        }),
        record('pytorch-cifar', {
          figures: { testAccuracy: 0.743 },
          engine: 'pytorch 1.13',
          curve: { seconds: [110, 220], accuracy: [0.59, 0.743] },
        }),
        record('rnnlm', undefined, 'examples/rnnlm exited with status 1'),
      ],
      reused: 1,
      ran: 2,
      failed: 1,
      seconds: 100,
    };
    const results = assembleResults({
      plan,
      report,
      reusedKeys: new Set(['key-cifar-tf']),
      quick: false,
      paths,
      now: new Date(0),
    });
    const tf = results.claims.find((c) => c.experiment === 'cifar-tf');
    expect(tf).toMatchObject({ seed: 0.746, dlkit: 0.752, pytorch: 0.743, met: true, seconds: 12 });
    expect(results.claims.filter((c) => c.experiment === 'rnnlm').every((c) => c.dlkit === null && c.met === null)).toBe(true);
    const byId = Object.fromEntries(results.experiments.map((x) => [x.id, x]));
    expect(byId['cifar-tf']).toMatchObject({
      status: 'ok',
      reused: true,
      engine: 'wasm (2 threads)',
      data: ['/d/cifar10/cifar10-jpg.tar.gz'],
    });
    expect(byId.rnnlm).toMatchObject({ status: 'failed', error: 'ReproduceError: examples/rnnlm exited with status 1' });
    expect(byId.siamese).toMatchObject({ status: 'skipped', missing: ['/d/cifar10/cifar10-jpg.tar.gz: CIFAR-10'] });
    const page = resultsPageHtml(results);
    expect(page).toContain('<td>75.2 %</td><td>74.3 %</td><td class="l">met</td>');
    expect(page).toContain('1 experiment(s) failed: rnnlm');
    expect(page).toContain('examples/rnnlm exited with status 1');
    expect(page).toContain('Skipped: /d/cifar10/cifar10-jpg.tar.gz: CIFAR-10');
    // The accuracy chart: seed, dlkit and PyTorch bars of cifar-tf; no perplexity chart without an rnnlm figure.
    expect(page).toContain('Accuracy: seed vs dlkit vs PyTorch');
    expect(page).toContain('cifar-tf test-accuracy: PyTorch');
    expect(page).not.toContain('Test perplexity (lower is better)');
    expect(page).toContain('cifar-tf: test accuracy against wall time');
    expect(page).toContain('PyTorch (same network, recipe and files)');
  });

  it('formats accuracies, perplexities and fractions', () => {
    expect(formatFigure(0.7461, 'accuracy')).toBe('74.6 %');
    expect(formatFigure(141.19, 'perplexity')).toBe('141.2');
    expect(formatFigure(0.7685, 'fraction')).toBe('0.7685');
    expect(formatFigure(null, 'fraction')).toBe('—');
  });
});
