import { resolve } from 'node:path';
import { ENGINE_ORDER, type EngineName } from '@dlkit/backend';
import type { PairStrategy } from '@dlkit/siamese';
import { parseCli } from '@dlkit-examples/common';

const USAGE = `Usage: siamese [options]
  --data fashion|cifar10   dataset (default fashion: full Fashion-MNIST)
  --root DIR               folder with the dataset files (default /usr/share/datasets/fashion-mnist for fashion)
  --settings LIST          comma-separated FORM+STRATEGY, FORM = 1 (half-squared) | 2 (squared) | hadsell,
                           STRATEGY = anchor | random (default 1+anchor,2+anchor,2+random: the report's three)
  --steps N                training steps per setting (default 300)
  --batch-size N           pairs per step (default 64)
  --same X                 fraction of same-class pairs per batch (default 0.5)
  --margin X|auto          contrastive margin (default 1); auto, with --fine-tune or --start-from: the mean
                           different-class distance of the start network's test embeddings, d for hadsell, d² for
                           forms 1 and 2
  --lr X                   Adam learning rate (default 0.001; 0.0001 with --start-from, where steps of 0.001 undo
                           what the trained network learned: 0.581 against 0.673 on CIFAR-10, form 2 + random)
  --embedding N            embedding size (default 32)
  --filters A,B            feature maps of the twin ConvNet's two conv 5×5 layers (default 16,32)
  --hidden N               units of its fully connected layer before the embedding (default 128)
  --augment                random crop (pad 4) + horizontal flip of each branch's training images, drawn anew every
                           step (CIFAR's usual augmentation; default off)
  --supervised N           also train the twin's network as a classifier (softmax on its embedding, cross-entropy,
                           Adam --lr, 2 × --batch-size images a step) for N epochs and score its embedding the same
                           way: what the labels give this network (default 0: not trained)
  --fine-tune              start every setting from the supervised reference's trained network instead of its initial
                           weights (needs --supervised N; the reference trains first): pairs fine-tuning a net that
                           already learned the labels, as one would start from a trained classifier
  --start-from PATH        start every setting from a trained classifier instead: a saved model or a checkpoint (e.g.
                           cifar-cnn's --checkpoint DIR/tf-batch-64-baseline, its newest epoch), cut before its output
                           layer (cifarNetTf: at fc2, 192 features) — its widths replace --filters, --hidden and
                           --embedding; the images are standardised with the statistics stored beside it
                           (preprocessing.json), else scaled ÷ 255 as @dlkit/models trains; it is scored as the
                           reference row, untrained (with its architecture's initial weights) as the floor
  --eval-every N           held-out pair loss every N steps (default 50)
  --eval-pairs N           fixed held-out pairs, from the test set (default 500)
  --test N                 test images embedded for the SVM 80/20 split (default 2000; 10000 = all)
  --tsne N                 points in each t-SNE picture (default 1000)
  --seed N                 seed of weights, samplers and splits (default 1)
  --out DIR                output folder (default out)
  --json FILE              also write all results as JSON
  --checkpoint DIR         keep each setting's training state in its own folder DIR/<setting> (e.g. DIR/form-1-anchor):
                           a checkpoint at every held-out evaluation (--eval-every) and after the last step; the
                           supervised reference's after every epoch, in DIR/supervised-reference
  --resume                 continue every setting from its newest checkpoint in --checkpoint DIR (same flags; --steps
                           may grow, --settings may add settings); a setting that finished its steps is not trained again;
                           likewise the supervised reference (--supervised N may grow)
  --estimate-only          print the measured time estimate (with --resume: of what is left) and stop
  --engine NAME            wasm | cpu | tfjs-node (default: fastest available)
  --threads N              wasm kernel threads (default: the machine's cores)
  -h, --help               this text`;

/** The twin ConvNet's widths before `--filters` and `--hidden` existed: checkpoints that do not record them used these. */
export const DEFAULT_FILTERS: readonly [number, number] = [16, 32];
export const DEFAULT_HIDDEN = 128;

const FORMS = { '1': 'half-squared', '2': 'squared', hadsell: 'hadsell' } as const;

/** One training setting of the report: a contrastive-loss form and a pair-sampling strategy. */
export interface Setting {
  name: string;
  form: (typeof FORMS)[keyof typeof FORMS];
  strategy: PairStrategy;
}

/** Everything the command line decides. */
export interface ExperimentOptions {
  dataName: 'fashion' | 'cifar10';
  root: string | undefined;
  settings: Setting[];
  steps: number;
  batchSize: number;
  sameFraction: number;
  /** Contrastive margin; `'auto'` (with `--fine-tune`): on the reference's scale, per form ({@link referenceMargin}). */
  margin: number | 'auto';
  lr: number;
  embeddingSize: number;
  /** Feature maps of the twin ConvNet's two convolutions (`embeddingConvNet`'s `filters`). */
  filters: [number, number];
  /** Units of its fully connected layer before the embedding (`embeddingConvNet`'s `hidden`). */
  hidden: number;
  /** Random crop + flip of the training images every step (`--augment`). */
  augment: boolean;
  /** Epochs of the supervised reference (`--supervised N`); 0: none. */
  supervisedEpochs: number;
  /** Every setting starts from the supervised reference's trained weights (`--fine-tune`). */
  fineTune: boolean;
  /** A trained classifier every setting starts from, cut before its output layer (`--start-from PATH`). */
  startFrom: string | undefined;
  evalEvery: number;
  evalPairCount: number;
  testCount: number;
  tsnePoints: number;
  seed: number;
  outDir: string;
  jsonPath: string | undefined;
  engine: EngineName | undefined;
  threads: number | undefined;
  /** Print the measured time estimate and stop. */
  estimateOnly: boolean;
  /** Folder of the settings' checkpoints, one subfolder each ({@link settingSlug}); undefined: no checkpoints. */
  checkpointDir: string | undefined;
  /** Continue every setting from its newest checkpoint in `checkpointDir`. */
  resume: boolean;
}

/** A file-name-safe name of a setting, for its pictures and its checkpoint folder: `form 1 + anchor` → `form-1-anchor`. */
export function settingSlug(name: string): string {
  return name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
}

/** Parses the command line; exits with the usage on `--help` or a bad flag (in the order the flags are checked). */
export function parseOptions(): ExperimentOptions {
  const cli = parseCli('siamese', USAGE, {
    data: { type: 'string' },
    root: { type: 'string' },
    settings: { type: 'string' },
    steps: { type: 'string' },
    'batch-size': { type: 'string' },
    same: { type: 'string' },
    margin: { type: 'string' },
    lr: { type: 'string' },
    embedding: { type: 'string' },
    filters: { type: 'string' },
    hidden: { type: 'string' },
    augment: { type: 'boolean' },
    supervised: { type: 'string' },
    'fine-tune': { type: 'boolean' },
    'start-from': { type: 'string' },
    'eval-every': { type: 'string' },
    'eval-pairs': { type: 'string' },
    test: { type: 'string' },
    tsne: { type: 'string' },
    engine: { type: 'string' },
    threads: { type: 'string' },
    checkpoint: { type: 'string' },
    resume: { type: 'boolean' },
    'estimate-only': { type: 'boolean' },
  });
  const dataName = cli.choice('data', ['fashion', 'cifar10'] as const, 'fashion');
  const settings: Setting[] = cli.list('settings', ['1+anchor', '2+anchor', '2+random']).map((s) => {
    const [f, strategy] = s.split('+');
    if (!(f in FORMS) || (strategy !== 'anchor' && strategy !== 'random')) {
      return cli.die(`--settings: "${s}" is not FORM+STRATEGY with FORM 1|2|hadsell and STRATEGY anchor|random`);
    }
    return { name: `form ${f} + ${strategy}`, form: FORMS[f as keyof typeof FORMS], strategy };
  });
  // Each setting has its own pictures and checkpoint folder, named after it.
  const twice = settings.find((s, i) => settings.findIndex((t) => t.name === s.name) !== i);
  if (twice !== undefined) cli.die(`--settings: "${twice.name}" is listed twice`);
  const steps = cli.int('steps', 300);
  const batchSize = cli.int('batch-size', 64);
  const sameFraction = cli.float('same', 0.5);
  if (sameFraction > 1) cli.die(`--same must lie in [0, 1], got ${sameFraction}`);
  const margin = cli.str('margin') === 'auto' ? 'auto' : cli.float('margin', 1);
  const embeddingSize = cli.int('embedding', 32);
  const [maps1, maps2] = cli.ints('filters', DEFAULT_FILTERS);
  const hidden = cli.int('hidden', DEFAULT_HIDDEN);
  const evalEvery = cli.int('eval-every', 50);
  const evalPairCount = cli.int('eval-pairs', 500);
  const testCount = cli.int('test', 2000);
  const tsnePoints = cli.int('tsne', 1000);
  const seed = cli.int('seed', 1, 0);
  const outDir = resolve(cli.str('out') ?? 'out');
  // Checked here: an unknown name would otherwise reach the engine loader, which speaks of `options.prefer`.
  const engine = cli.str('engine') === undefined ? undefined : cli.choice('engine', ENGINE_ORDER, 'wasm');
  const threads = cli.str('threads') === undefined ? undefined : cli.int('threads', 1);
  const json = cli.str('json');
  const checkpoint = cli.str('checkpoint');
  if (cli.flag('resume') && checkpoint === undefined) cli.die('--resume needs --checkpoint DIR');
  const startFrom = cli.str('start-from');
  if (startFrom !== undefined) {
    // One start network per run: the loaded classifier, with its own widths.
    const other = ['supervised', 'fine-tune', 'filters', 'hidden', 'embedding'].find(
      (f) => cli.str(f) !== undefined || cli.flag(f),
    );
    if (other !== undefined) cli.die(`--start-from takes the network's widths and weights from the model: leave out --${other}`);
  }
  const lr = cli.float('lr', startFrom === undefined ? 0.001 : 0.0001);
  const supervisedEpochs = cli.int('supervised', 0, 0);
  if (cli.flag('fine-tune') && supervisedEpochs === 0) cli.die('--fine-tune needs --supervised N: the network it starts from');
  if (margin === 'auto' && !cli.flag('fine-tune') && startFrom === undefined)
    cli.die("--margin auto needs --fine-tune or --start-from: it takes the margin from the start network's embedding");
  return {
    dataName,
    root: cli.str('root'),
    settings,
    steps,
    batchSize,
    sameFraction,
    margin,
    lr,
    embeddingSize,
    filters: [maps1, maps2],
    hidden,
    augment: cli.flag('augment'),
    supervisedEpochs,
    fineTune: cli.flag('fine-tune'),
    startFrom: startFrom === undefined ? undefined : resolve(startFrom),
    evalEvery,
    evalPairCount,
    testCount,
    tsnePoints,
    seed,
    outDir,
    jsonPath: json === undefined ? undefined : resolve(json),
    engine,
    threads,
    estimateOnly: cli.flag('estimate-only'),
    checkpointDir: checkpoint === undefined ? undefined : resolve(checkpoint),
    resume: cli.flag('resume'),
  };
}
