/**
 * Transfer learning, two tasks (`--task`):
 * - `cifar10-split` (default): a CifarNet trained on 5 CIFAR-10 classes moved to the other 5 with few labels per
 *   class — feature extractor vs fine-tuning vs from scratch, accuracy against seconds, a labels-per-class curve;
 * - `cifar100`: CIFAR-10 → CIFAR-100 (real from --root; without it from the dataset cache, else generated stand-ins), then an
 *   ants/bees-style image folder.
 *
 *   pnpm --filter @dlkit-examples/transfer start -- --root ~/data/cifar10
 *   pnpm --filter @dlkit-examples/transfer start -- --task cifar100 --pretrained ./my-model --folder ./hymenoptera_data
 */
import { ENGINE_ORDER, initBackend } from '@dlkit/backend';
import { exitOnError, parseCli, stopwatch, type FlagSpec } from '@dlkit-examples/common';
import { runCifar100Task } from './cifar100-task';
import { TransferError } from './errors';
import { runSplitTask } from './split-task';
import { checkTaskFlags, parseTask } from './task-flags';
import type { MethodName } from './transfer-experiment';

const USAGE = `Usage: transfer [options]
  --task NAME             cifar10-split (default): 5 CIFAR-10 classes → the other 5 with few labels;
                          cifar100: CIFAR-10 → CIFAR-100 and the image-folder variant
  --root DIR              cifar10-split: CIFAR-10 as loadCifar10 reads it (binary batches, the image tree
                          train|test/<class>/*.jpg, or a .tar.gz of either); cifar100: the folder with
                          cifar-10-batches-bin and cifar-100-binary; a DIR without them is an error
                          (default: the dataset cache; else generated stand-ins)
  --methods LIST          feature-extractor, fine-tune, scratch (default all three)
  --epochs N              epochs of every target run (split: default 10, --quick 2, --full 20; cifar100: 3, --quick 2)
  --lrs A,B,C             Adam learning rates of the target runs (split: default 0.001, --full 0.003,0.001,0.0003;
                          cifar100: 0.003,0.001,0.0003, --quick 0.001)
  --base-epochs N         base net epochs (split: default 3, --quick 1, --full 10; cifar100: 2, --quick 1)
  --base-lr X             base net Adam learning rate (default 0.001)
  --test-per-class N      split: target test images per class scored after every epoch, or "all" (default 200,
                          --quick 20, --full all; the final model is always scored on all of them);
                          cifar100: CIFAR-100 test images per class (default 5; --quick 2)
  --cut LAYER             layer where the base net is cut (default fc2)
  --head-epochs N         fine-tune: epochs of the head alone before unfreezing (default 1)
  --fine-tune-factor X    fine-tune: learning-rate factor once unfrozen (default 0.1)
  --filters A,B           CifarNet conv maps (default 32,32)
  --units A,B             CifarNet fc1, fc2 units (default 384,192)
  --batch-size N          mini-batch size (default 32)
  --engine NAME           tfjs-node-gpu | tfjs-node | wasm | cpu (default: the fastest available)
  --quick                 a tiny run (about a minute) to check the set-up
  --seed N                weights, shuffling, the draws of the images and the stand-in data (default 1)
  --out DIR               report folder (default ./reports)
  --json FILE             also write the results as JSON
  -h, --help              this text
 cifar10-split only:
  --base-classes LIST     the base classes, names or ids (default airplane,automobile,bird,cat,deer); the
                          other classes are the target
  --labels-per-class LIST labelled target images per class, one run set each (default 10,50,250; --quick 5,10)
  --epoch-images N        least images per target epoch: smaller labelled sets are repeated whole, so 10 labels
                          per class still get enough steps (default 500; --quick 50; --full 1000; 0: never)
  --base-train-per-class N  base net training images per base class (default 1000; --quick 100; --full 5000)
  --base-test-per-class N   base net test images per base class (default 200; --quick 20; --full 1000)
  --full                  the real size: all 5 000 / 1 000 images per base class, 10 base epochs, 20 epochs per
                          target run at 3 learning rates, curves on all target test images (the time is measured
                          and printed before it starts; every default run prints it too)
  --checkpoint DIR        keep the run's state in DIR: base-net checkpoints every epoch, the saved base net, every
                          finished target run (default: a temp folder, removed at the end)
  --resume                continue the run in --checkpoint DIR (same flags) where it stopped
  --estimate-only         print the measured time estimate and stop
 cifar100 only:
  --base-train N          CIFAR-10 training images for the base net (default 3000; --quick 300)
  --base-test N           CIFAR-10 test images (default 1000; --quick 100)
  --train-per-class N     CIFAR-100 training images per class (default 15; --quick 3)
  --target X              accuracy for the "time to reach" column (default: the best accuracy every method reaches)
  --pretrained DIR        folder variant: the pretrained model (tfjs format) to start from (default: the base net just trained)
  --folder DIR            folder variant: train/<class>/*.png|jpg and val/<class>/… (default: a generated ants/bees stand-in)
  --folder-size N         folder variant: image side the model expects (default 32)
  --folder-epochs N       folder variant: epochs per method (default 5; --quick 2)
  --folder-lr X           folder variant: Adam learning rate (default 0.001)
  --no-folder             skip the folder variant
  --save-base DIR         keep the trained base net in DIR (default: a temp folder, removed at the end)`;

const METHOD_FLAGS = { 'feature-extractor': 'feature extractor', 'fine-tune': 'fine-tune', scratch: 'from scratch' } as const;

const FLAGS: Record<string, FlagSpec> = {
  root: { type: 'string' },
  'base-train': { type: 'string' },
  'base-test': { type: 'string' },
  'base-epochs': { type: 'string' },
  'base-lr': { type: 'string' },
  'train-per-class': { type: 'string' },
  'test-per-class': { type: 'string' },
  epochs: { type: 'string' },
  lrs: { type: 'string' },
  methods: { type: 'string' },
  cut: { type: 'string' },
  'head-epochs': { type: 'string' },
  'fine-tune-factor': { type: 'string' },
  target: { type: 'string' },
  filters: { type: 'string' },
  units: { type: 'string' },
  'batch-size': { type: 'string' },
  pretrained: { type: 'string' },
  folder: { type: 'string' },
  'folder-size': { type: 'string' },
  'folder-epochs': { type: 'string' },
  'folder-lr': { type: 'string' },
  'no-folder': { type: 'boolean' },
  'save-base': { type: 'string' },
  engine: { type: 'string' },
  quick: { type: 'boolean' },
  task: { type: 'string' },
  'base-classes': { type: 'string' },
  'labels-per-class': { type: 'string' },
  'base-train-per-class': { type: 'string' },
  'base-test-per-class': { type: 'string' },
  full: { type: 'boolean' },
  checkpoint: { type: 'string' },
  resume: { type: 'boolean' },
  'estimate-only': { type: 'boolean' },
  'epoch-images': { type: 'string' },
};

/**
 * What to do on this command line when the data cannot be read (the loader's hint is for library users), by the
 * dataset that failed: the cifar100 task reads CIFAR-10 and CIFAR-100 under --root and an image folder.
 */
const DATA_HINT = {
  cifar10:
    '--root DIR takes CIFAR-10 as binary batches (cifar-10-batches-bin or its parent), the image tree ' +
    'train|test/<class>/*.jpg, or a .tar.gz of either',
  cifar100: '--root DIR takes the folder with cifar-10-batches-bin and cifar-100-binary',
  'image-folder': '--folder DIR takes train/<class>/*.png|jpg and val/<class>/…',
};

async function main(): Promise<void> {
  const cli = parseCli('transfer', USAGE, FLAGS);
  const task = parseTask(cli.str('task'));
  checkTaskFlags(
    task,
    Object.keys(FLAGS).filter((f) => cli.str(f) !== undefined || cli.flag(f)),
  );
  const methods: MethodName[] = cli
    .list(
      'methods',
      Object.keys(METHOD_FLAGS) as Array<keyof typeof METHOD_FLAGS>,
      Object.keys(METHOD_FLAGS) as Array<keyof typeof METHOD_FLAGS>,
    )
    .map((m) => METHOD_FLAGS[m]);
  const watch = stopwatch();
  // Checked here: an unknown name would otherwise reach the engine loader, which speaks of `options.prefer`.
  const engineName = cli.str('engine') === undefined ? undefined : cli.choice('engine', ENGINE_ORDER, 'wasm');
  const engine = await watch.time('start engine', () => initBackend(engineName ? { prefer: engineName, strict: true } : {}));
  console.log(`engine: ${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'})`);
  if (task === 'cifar100') await runCifar100Task(cli, watch, engine, methods);
  else await runSplitTask(cli, watch, engine, methods);
}

// A bad flag, bad data, a checkpoint it cannot resume, an engine that cannot start: the message names what was
// wrong and what was expected, without a stack.
main().catch(exitOnError('transfer', { usageErrors: [TransferError], engineFlag: true, dataHint: DATA_HINT }));
