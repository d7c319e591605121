import { join } from 'node:path';
import { ReproduceError } from '../errors';
import type { Experiment } from '../experiment';
import { arrayAt, numberAt } from '../json-path';
import { outputs, required, resumable } from './common';

/**
 * The PyTorch peer of `cifar-tf`'s baseline: examples/cifar-cnn/pytorch/cifar_tf_net.py, the same network,
 * recipe (momentum SGD 0.01, batch 64, 30 epochs, crop + flip, η × 0.1 after epoch 15) and files.
 */
export const pytorchCifar: Experiment = {
  id: 'pytorch-cifar',
  title: 'CIFAR-10, TF-tutorial net in PyTorch (same recipe, same files)',
  example: 'cifar-cnn',
  needs: (paths) => [
    {
      path:
        paths.cifar10?.endsWith('.tar.gz') || paths.cifar10?.endsWith('.tar')
          ? paths.cifar10
          : paths.data === undefined
            ? undefined
            : join(paths.data, 'cifar10', 'cifar10-jpg.tar.gz'),
      what: 'CIFAR-10 as the JPEG archive DATA/cifar10/cifar10-jpg.tar.gz (cifar_tf_net.py reads only image archives)',
    },
  ],
  command(ctx) {
    const out = outputs(ctx, 'pytorch.json');
    const root = required(ctx.paths.cifar10, 'CIFAR-10');
    const size = ctx.quick ? ['--epochs', '1', '--threads', '1'] : ['--epochs', '30', '--augment', '--step', '15'];
    return {
      runner: 'python',
      cwd: 'examples/cifar-cnn',
      script: 'pytorch/cifar_tf_net.py',
      // The script has no report folder: only its JSON.
      args: ['--data', root, ...size, ...resumable(ctx), out.args[2], out.args[3]],
      json: out.json,
    };
  },
  claims: [],
  read(json, file) {
    const history = arrayAt(json, 'history', file);
    if (history.length === 0) {
      throw new ReproduceError({
        code: 'BAD_EXAMPLE_JSON',
        file,
        argument: 'history',
        received: [],
        expected: 'one record per epoch',
      });
    }
    const last = history.length - 1;
    const best = Math.max(...history.map((_, i) => numberAt(json, `history.${i}.testAccuracy`, file)));
    return { testAccuracy: numberAt(json, `history.${last}.testAccuracy`, file), bestTestAccuracy: best, epochs: history.length };
  },
  curve(json, file) {
    const history = arrayAt(json, 'history', file);
    return {
      // The script's `seconds` count from the start of training (across a resume too).
      seconds: history.map((_, i) => numberAt(json, `history.${i}.seconds`, file)),
      accuracy: history.map((_, i) => numberAt(json, `history.${i}.testAccuracy`, file)),
    };
  },
  expected: {
    seconds: 30 * 110,
    source: 'shared data README: 110 s per 50 000-image epoch in PyTorch on 2 threads of this machine; × 30 epochs',
  },
  note: 'needs /usr/bin/python3 with torch (Debian python3-torch) and PIL; --python names another interpreter',
};
