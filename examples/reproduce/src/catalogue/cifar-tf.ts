import { join } from 'node:path';
import { ReproduceError } from '../errors';
import type { Experiment } from '../experiment';
import { arrayAt, numberAt } from '../json-path';
import { cifarNeed, outputs, required, resumable } from './common';

interface Variant {
  name: string;
  baseline: boolean;
  testAccuracy: number;
}

/**
 * Seed 004's TF-tutorial CIFAR-10 net at its size (`cifar-cnn --full`): all 50 000 / 10 000 images, 30 epochs,
 * augmented, η × 0.1 after epoch 15 — the baseline and seed 004's batch/L2/dropout variants.
 */
export const cifarTf: Experiment = {
  id: 'cifar-tf',
  title: 'CIFAR-10, TF-tutorial net (seed 004) and its batch / L2 / dropout variants',
  example: 'cifar-cnn',
  needs: (paths) => [cifarNeed(paths)],
  command(ctx) {
    const out = outputs(ctx, 'cifar-cnn.json');
    const root = required(ctx.paths.cifar10, 'CIFAR-10');
    const size = ctx.quick ? ['--quick', '--studies', 'tf', '--baseline-only', '--workers', '0'] : ['--full'];
    return {
      runner: 'tsx',
      cwd: 'examples/cifar-cnn',
      script: 'src/main.ts',
      args: [...size, '--root', root, ...resumable(ctx), '--results', join(ctx.dir, 'variants.jsonl'), ...out.args],
      json: out.json,
    };
  },
  claims: [
    {
      id: 'test-accuracy',
      what: 'test accuracy of the TF-tutorial net (baseline: momentum SGD, batch 64)',
      seed: 0.746,
      unit: 'accuracy',
      better: 'higher',
      source: 'seeds 000/004: 74.6–76 % on CIFAR-10 (the Keras CIFAR example: 75 % in 25 epochs); issue 20',
      figure: 'baseline',
      pytorch: { experiment: 'pytorch-cifar', figure: 'testAccuracy' },
    },
  ],
  read(json, file) {
    const studies = arrayAt(json, 'studies', file) as { id: string; variants: Variant[] }[];
    const tf = studies.findIndex((s) => s.id === 'tf');
    if (tf < 0) {
      throw new ReproduceError({
        code: 'BAD_EXAMPLE_JSON',
        file,
        argument: 'studies',
        received: studies.map((s) => s.id),
        expected: 'the "tf" study',
      });
    }
    const variants = arrayAt(json, `studies.${tf}.variants`, file) as Variant[];
    const figures: Record<string, number> = {};
    variants.forEach((v, i) => {
      figures[v.baseline ? 'baseline' : v.name] = numberAt(json, `studies.${tf}.variants.${i}.testAccuracy`, file);
    });
    if (figures.baseline === undefined) {
      throw new ReproduceError({
        code: 'BAD_EXAMPLE_JSON',
        file,
        argument: `studies.${tf}.variants`,
        received: variants.map((v) => v.name),
        expected: 'a baseline variant',
      });
    }
    return figures;
  },
  curve(json, file) {
    const studies = arrayAt(json, 'studies', file) as { id: string; variants: Variant[] }[];
    const tf = studies.findIndex((s) => s.id === 'tf');
    const base = arrayAt(json, `studies.${tf}.variants`, file).findIndex((v) => (v as Variant).baseline);
    const history = arrayAt(json, `studies.${tf}.variants.${base}.history`, file);
    let elapsed = 0;
    const seconds: number[] = [];
    const accuracy: number[] = [];
    history.forEach((_, i) => {
      // dlkit's history holds each epoch's own seconds (training plus the test pass).
      elapsed += numberAt(json, `studies.${tf}.variants.${base}.history.${i}.seconds`, file);
      seconds.push(elapsed);
      accuracy.push(numberAt(json, `studies.${tf}.variants.${base}.history.${i}.valAccuracy`, file));
    });
    return { seconds, accuracy };
  },
  expected: {
    seconds: (4 * 30 * 235) / 2,
    source:
      'measured 2026-12-02 (Node 24, quiet 2-core machine): 222 img/s on one engine thread (`pnpm bench`, cifarNetTf), ≈ 235 s per 50 000-image epoch with its test pass; 4 variants × 30 epochs, two variants at once',
  },
  estimateOnly: {
    flag: '--estimate-only',
    parse(output) {
      const minutes = [...output.matchAll(/estimate [^\n]*→ ([\d.]+) min/g)].map((m) => Number(m[1]));
      return minutes.length > 0 ? minutes.reduce((a, b) => a + b, 0) * 60 : undefined;
    },
  },
};
