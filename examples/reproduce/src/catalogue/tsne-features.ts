import { dirname, resolve } from 'node:path';
import type { Experiment } from '../experiment';
import { arrayAt, numberAt, valueAt } from '../json-path';
import { outputs } from './common';

interface Snapshot {
  layer: string;
  epoch: number;
  files: { svg: string };
}

/** t-SNE of two layers' features at training snapshots (seed 004's figure): a picture, and its quality numbers. */
export const tsneFeatures: Experiment = {
  id: 'tsne-features',
  title: 'Fashion-MNIST, t-SNE of learned features at training snapshots (seed 004: picture only)',
  example: 'tsne-features',
  needs: (paths) => [
    {
      path: paths.fashion,
      what: 'Fashion-MNIST IDX files (Debian dataset-fashion-mnist: /usr/share/datasets/fashion-mnist; --fashion DIR)',
    },
  ],
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
      : ['--data', 'fashion', '--root', ctx.paths.fashion];
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
    seconds: 10_000 * 3 * 0.027 + 6 * 55,
    source:
      'measured here (reproduce catalogue, 2 Dec 2026, busy 2-core machine): tsne-features --data fashion --train-size 2000 --test-size 2000 --epochs 1 --snapshots 1 — 27 ms per training image, ~55 s per layer snapshot (extraction, PCA, Barnes-Hut t-SNE of 2 000 points); the default run is 10 000 images × 3 epochs and 6 layer snapshots',
  },
  note: 'the example embeds MNIST / Fashion-MNIST features; issue 20 asks for real CIFAR-10 features, which tsne-features cannot load yet',
};
