import { dirname, resolve } from 'node:path';
import type { Experiment } from '../experiment';
import { arrayAt, numberAt, valueAt } from '../json-path';
import { cifarNeed, outputs, required } from './common';

interface Snapshot {
  layer: string;
  epoch: number;
  files: { svg: string };
}

/**
 * Seed 004's figure: t-SNE of the trained CIFAR-10 net's features at training snapshots — a picture, and its
 * quality numbers (no seed figure to compare). Full size is the example's CIFAR-10 default (TF-tutorial CifarNet,
 * 4 epochs on a stratified 10 000 of the training images, 2 000 test images embedded at epochs 0, 2 and 4);
 * `--quick` embeds the bundled MNIST sample, as before.
 */
export const tsneFeatures: Experiment = {
  id: 'tsne-features',
  title: 'CIFAR-10, t-SNE of learned features (flatten, fc2) at training snapshots (seed 004: picture only)',
  example: 'tsne-features',
  needs: (paths) => [cifarNeed(paths)],
  command(ctx) {
    const out = outputs(ctx, 'tsne-features.json');
    const size = ctx.quick
      ? [
          '--data',
          'mnist',
          '--train-size',
          '500',
          '--test-size',
          '200',
          '--epochs',
          '1',
          '--snapshots',
          '0,1',
          '--iterations',
          '300',
        ]
      : ['--data', 'cifar10', '--root', required(ctx.paths.cifar10, 'CIFAR-10')];
    return { runner: 'tsx', cwd: 'examples/tsne-features', script: 'src/main.ts', args: [...size, ...out.args], json: out.json };
  },
  claims: [],
  read(json, file) {
    const snaps = arrayAt(json, 'snapshots', file) as Snapshot[];
    const last = Math.max(...snaps.map((_, i) => numberAt(json, `snapshots.${i}.epoch`, file)));
    const figures: Record<string, number> = {};
    snaps.forEach((s, i) => {
      if (s.epoch !== last) return;
      figures[`${s.layer} trustworthiness`] = numberAt(json, `snapshots.${i}.trustworthiness`, file);
      figures[`${s.layer} kNN accuracy`] = numberAt(json, `snapshots.${i}.knnAccuracy`, file);
    });
    return figures;
  },
  pictures(json, file) {
    const snaps = valueAt(json, 'snapshots', file) as Snapshot[];
    const last = Math.max(...snaps.map((s) => s.epoch));
    // The example writes the picture paths relative to its JSON file.
    return snaps.filter((s) => s.epoch === last).map((s) => resolve(dirname(file), s.files.svg));
  },
  expected: {
    seconds: 548,
    source:
      'tsne-features README: the default --data cifar10 run measured end to end on a generated stand-in of the same size in the official binary format (2 Dec 2026, wasm, nice 19 on the busy 2-core machine) — 548 s: 4 epochs of 10 000 images ≈ 450 s, feature capture 35 s, PCA 15 s, t-SNE 33 s',
  },
  estimateOnly: {
    flag: '--estimate-only',
    // `estimated time: 7.8 min (…)`, or `< 0.1 min (3 s, …)` for a tiny run. The example times training and the
    // feature captures only; PCA and t-SNE after training (≈ 50 s at this size) are not in its figure.
    parse(output) {
      const m = /estimated time: (?:< )?([\d.]+) min(?: \((\d+) s\b)?/.exec(output);
      if (!m) return undefined;
      return m[2] === undefined ? Number(m[1]) * 60 : Number(m[2]);
    },
  },
  note: 'seed 004 published the picture only (no figures to compare): the page shows dlkit’s maps of the last snapshot with their trustworthiness and k-NN accuracy, without a verdict; the run is short (4 epochs on 10 000 of the 50 000 training images), so its fc2 features come from a less trained net than a full training',
};
