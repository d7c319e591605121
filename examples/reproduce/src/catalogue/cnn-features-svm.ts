import type { Experiment } from '../experiment';
import { arrayAt, numberAt } from '../json-path';
import { ReproduceError } from '../errors';
import { cifarNeed, outputs, required } from './common';

/** Seed 004: fc2 features of the trained CIFAR-10 net into a linear SVM, next to the network's softmax head. */
export const cnnFeaturesSvm: Experiment = {
  id: 'cnn-features-svm',
  title: 'CIFAR-10, layer features of the trained net into a linear SVM (seed 004)',
  example: 'cnn-features-svm',
  needs: (paths) => [cifarNeed(paths)],
  command(ctx) {
    const out = outputs(ctx, 'cnn-features-svm.json');
    const root = required(ctx.paths.cifar10, 'CIFAR-10');
    const size = ctx.quick ? ['--quick'] : ['--train-size', '50000', '--test-size', '10000', '--epochs', '10'];
    return {
      runner: 'tsx',
      cwd: 'examples/cnn-features-svm',
      script: 'src/main.ts',
      args: ['--data', 'cifar10', '--root', root, ...size, ...out.args],
      json: out.json,
    };
  },
  claims: [
    {
      id: 'svm-fc2',
      what: 'test accuracy of a one-vs-rest linear SVM on the fc2 features',
      seed: 0.7685,
      unit: 'fraction',
      better: 'higher',
      source: 'seed 004: linear SVM on fc2 features 0.7685; issue 20',
      figure: 'linear-svc @ fc2',
    },
  ],
  read(json, file) {
    const methods = arrayAt(json, 'methods', file) as { method: string }[];
    const figures: Record<string, number> = {};
    methods.forEach((m, i) => {
      figures[m.method === 'softmax (network head)' ? 'softmax' : m.method] = numberAt(json, `methods.${i}.accuracy`, file);
    });
    if (figures['linear-svc @ fc2'] === undefined) {
      throw new ReproduceError({
        code: 'BAD_EXAMPLE_JSON',
        file,
        argument: 'methods',
        received: methods.map((m) => m.method),
        expected: 'a "linear-svc @ fc2" method',
      });
    }
    return figures;
  },
  expected: {
    seconds: 50_000 * 10 * 0.0041 + 60_000 * 0.0032 + 50_000 * 0.001,
    source:
      'measured here (reproduce catalogue, 2 Dec 2026, busy 2-core machine): cnn-features-svm --train-size 2000 --test-size 500 --epochs 1 on the stand-in — 4.1 ms per training image per epoch, 3.2 ms per image to extract the three layers, ~1 ms per training image for the linear SVMs; × 50 000 images × 10 epochs',
  },
};
