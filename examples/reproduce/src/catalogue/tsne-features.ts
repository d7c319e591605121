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
    seconds: 900,
    source:
      'estimate from measurements here (reproduce catalogue, 2 Dec 2026): 10 000 training images × 3 epochs at ~1.9 ms per image (mnist-convnet README) ≈ 60 s, and 6 t-SNE maps of 2 000 points (2 layers × 3 snapshots) at ~2 min each on a busy 2-core machine',
  },
  note: 'the example embeds MNIST / Fashion-MNIST features; issue 20 asks for real CIFAR-10 features, which tsne-features cannot load yet',
};
