/**
 * CNN features → one-vs-rest SVM, side by side with the network's own softmax head.
 *
 *   pnpm --filter @dlkit-examples/cnn-features-svm start
 *   pnpm --filter @dlkit-examples/cnn-features-svm start -- --root ~/data/cifar --train-size 20000 --test-size 5000
 *   pnpm --filter @dlkit-examples/cnn-features-svm start -- --data mnist
 *   pnpm --filter @dlkit-examples/cnn-features-svm start -- --model runs/ck/tf-batch-64-baseline --root ~/data/cifar \
 *     --train-size 50000 --test-size 10000
 */
import { join, resolve } from 'node:path';
import { ENGINE_ORDER, initBackend } from '@dlkit/backend';
import {
  epochLogger,
  exitOnError,
  parseCli,
  recordLatestReport,
  stopwatch,
  writeFileAtomicText,
  writeJson,
  type ModelSource,
  ModelSourceError,
  pct,
  resolveModelSource,
  storedPreprocessing,
} from '@dlkit-examples/common';
import { loadExperimentData } from './data';
import { FeaturesSvmError } from './errors';
import { estimateRun } from './estimate';
import { defaultLayers, runFeaturesSvm, type PretrainedNetwork, type SvmKind } from './features-svm';
import { featuresSvmHtml } from './html';
import { loadPretrained } from './model-source';
import { comparisonLines, headline, methodsTable, perClassTable } from './summary';

const USAGE = `Usage: cnn-features-svm [options]
  --data cifar10|mnist   CIFAR-10 (real files from --root, else the generated stand-in; default) or the bundled MNIST sample
  --root PATH            CIFAR-10 as loadCifar10 reads it: a folder with cifar-10-batches-bin or an image tree
                         train|test/<class>/*.jpg, or a .tar/.tar.gz of either; a PATH without CIFAR-10 is an
                         error (default: the dataset cache; else the stand-in)
  --model PATH           use a trained network instead of training one: a model.json (saveModel), a checkpoint
                         epoch folder (epoch-NNNN/) or a checkpoint folder with latest.json (its newest checkpoint),
                         e.g. cifar-cnn's --checkpoint DIR/tf-batch-64-baseline. Its input must be the data's image
                         shape and its output one unit per class; the images are standardised with the statistics
                         cifar-cnn stored beside its checkpoints (preprocessing.json), else as it computes them
                         (per-channel mean/std of the training set, see --norm-images). The expected time is
                         measured and printed before the run
  --norm-images N        with --model: standardise with the statistics of N training images (the stratified draw
                         cifar-cnn's --limit N trains on) instead of a stored preprocessing.json (default without
                         one: all of them, as cifar-cnn --full)
  --train-size N         training images (default 4000; --quick 400; seed 004: 50000)
  --test-size N          test images (default 1000; --quick 200; seed 004: 10000)
  --epochs N             network training epochs (default 2; --quick 1; unused with --model)
  --batch-size N         mini-batch size (default 32)
  --lr X                 Adam learning rate (default 0.001)
  --filters A,B          CifarNet conv maps (default 32,32)
  --units A,B            CifarNet fc1, fc2 units (default 384,192)
  --layers A,B,C         feature layers (default flatten,fc1,fc2; mnist: flatten,fc1,act3; --model: those of fc1,fc2
                         the network has — seed 004 used fc2)
  --svm LIST             linear and/or rbf (default linear: one-vs-rest LinearSVC; rbf: kernel SVC, one-vs-rest)
  --C X                  LinearSVC penalty (default 0.01)
  --max-iter N           LinearSVC passes at most (default 200)
  --tol X                LinearSVC tolerance (default 0.001)
  --rbf-C X              RBF SVC penalty (default 5)
  --engine NAME          tfjs-node-gpu | tfjs-node | wasm | cpu (default: the fastest available)
  --quick                a tiny run (seconds) to check the set-up
  --seed N               weights, shuffling and stand-in data (default 1)
  --out DIR              report folder (default ./reports)
  --json FILE            also write the results as JSON
  -h, --help             this text`;

/** What to do on this command line when CIFAR-10 cannot be read (the loader's hint is for library users). */
const CIFAR_ROOT_HINT =
  '--root takes a folder with cifar-10-batches-bin (or the batches themselves), an image tree ' +
  'train|test/<class>/*.jpg, or a .tar/.tar.gz of either';

async function main(): Promise<void> {
  const cli = parseCli('cnn-features-svm', USAGE, {
    data: { type: 'string' },
    root: { type: 'string' },
    'train-size': { type: 'string' },
    'test-size': { type: 'string' },
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    lr: { type: 'string' },
    filters: { type: 'string' },
    units: { type: 'string' },
    layers: { type: 'string' },
    svm: { type: 'string' },
    C: { type: 'string' },
    'max-iter': { type: 'string' },
    tol: { type: 'string' },
    'rbf-C': { type: 'string' },
    engine: { type: 'string' },
    quick: { type: 'boolean' },
    model: { type: 'string' },
    'norm-images': { type: 'string' },
  });
  const quick = cli.flag('quick');
  const data = cli.choice('data', ['cifar10', 'mnist'] as const, 'cifar10');
  const trainSize = cli.int('train-size', quick ? 400 : 4000);
  const testSize = cli.int('test-size', quick ? 200 : 1000);
  const epochs = cli.int('epochs', quick ? 1 : 2);
  const batchSize = cli.int('batch-size', 32);
  const learningRate = cli.float('lr', 0.001);
  const filters = cli.ints('filters', [32, 32]) as [number, number];
  const units = cli.ints('units', [384, 192]) as [number, number];
  const modelPath = cli.str('model') ? resolve(cli.str('model') as string) : undefined;
  // With --model the default layers depend on the network: resolved once it is loaded.
  const layersFlag = cli.str('layers') ? cli.list('layers', []) : null;
  let layers = layersFlag ?? defaultLayers(data);
  const svms = cli.list<SvmKind>('svm', ['linear'], ['linear', 'rbf']);
  const C = cli.float('C', 0.01);
  const maxIter = cli.int('max-iter', 200);
  const tol = cli.float('tol', 1e-3);
  const rbfC = cli.float('rbf-C', 5);
  const seed = cli.int('seed', 1, 0);
  const outDir = resolve(cli.str('out') ?? 'reports');
  // Checked here: an unknown name would otherwise reach the engine loader, which speaks of `options.prefer`.
  const engineName = cli.str('engine') === undefined ? undefined : cli.choice('engine', ENGINE_ORDER, 'wasm');

  const watch = stopwatch();
  const engine = await watch.time('start engine', () => initBackend(engineName ? { prefer: engineName, strict: true } : {}));
  console.log(`engine: ${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'})`);
  // A wrong --model path should fail before 60 000 images are read and standardised.
  const source = modelPath ? await resolveModelSource(modelPath) : undefined;
  // The statistics the network was trained with, when its trainer stored them (cifar-cnn does); --norm-images
  // recomputes them instead.
  const stored = source && cli.str('norm-images') === undefined ? await storedPreprocessing(source) : null;
  const ds = await watch.time('load data', () =>
    loadExperimentData({
      data,
      root: cli.str('root'),
      trainSize,
      testSize,
      seed,
      // A loaded network must see what it was trained on: the real files, standardised as cifar-cnn does.
      ...(modelPath ? { statsImages: cli.int('norm-images', Number.POSITIVE_INFINITY) } : {}),
      ...(stored ? { stats: { ...stored.record.normalization, images: stored.record.trainImages } } : {}),
    }),
  );
  console.log(
    `data: ${ds.source}\n      ${ds.train.shape[0]} train / ${ds.test.shape[0]} test images of ${ds.train.shape.slice(1).join('×')}`,
  );
  if (ds.synthetic) console.log('      (generated stand-in: the numbers below are indicative only)');
  const statsLine = `per-channel mean ${ds.stats.mean.map((v) => v.toFixed(4)).join('/')}, std ${ds.stats.std.map((v) => v.toFixed(4)).join('/')} of ${ds.stats.images} training images`;
  console.log(`      standardised: ${statsLine}${stored ? ` (stored with the network: ${stored.file})` : ''}`);

  let pretrained: (PretrainedNetwork & { source: ModelSource }) | undefined;
  if (modelPath) {
    const loaded = await watch.time('load model', () =>
      loadPretrained(modelPath, {
        imageShape: ds.train.shape.slice(1),
        numClasses: ds.train.classNames.length,
        layers: layersFlag,
      }),
    );
    layers = loaded.layers;
    const epochs = loaded.source.epoch === null ? '' : `, epoch ${loaded.source.epoch}`;
    pretrained = {
      model: loaded.model,
      source: loaded.source,
      name: `loaded from ${loaded.source.label}`,
      detail: `loaded with --model${epochs}`,
    };
    console.log(`model: ${pretrained.source.label}`);
    console.log(`      ${pretrained.model.countParams()} parameters; feature layers ${layers.join(', ')}`);
    const est = estimateRun(pretrained.model, ds.train, ds.test, { layers, maxIter });
    console.log(
      `expected time: forward passes ≈ ${duration(est.passSeconds)} (${est.images} images × ${(est.secondsPerImage * 1000).toFixed(2)} ms), ` +
        `linear SVMs ≤ ${duration(est.svmSeconds)} (${maxIter} passes at most) → ≈ ${duration(est.seconds)}`,
    );
    if (svms.includes('rbf') && ds.train.shape[0] > 10_000) {
      console.log(`      warning: the RBF SVC grows with the square of the ${ds.train.shape[0]} training images: hours`);
    }
  }

  const result = await runFeaturesSvm(ds.train, ds.test, {
    data,
    layers,
    svms,
    epochs,
    batchSize,
    learningRate,
    filters,
    units,
    C,
    maxIter,
    tol,
    rbfC,
    seed,
    ...(pretrained ? { pretrained } : {}),
    onProgress: epochLogger('network'),
    onExtract: progressLine(),
    onMethod: (m) =>
      console.log(
        `${m.method.padEnd(24)} test acc ${pct(m.accuracy, 2)}${m.trainSeconds > 0 ? `  (train ${m.trainSeconds.toFixed(1)} s)` : ''}`,
      ),
  });
  pretrained?.model.dispose();
  if (!pretrained) console.log(`model: ${result.model}, ${result.parameters} parameters`);
  for (const [k, v] of Object.entries(result.timing)) watch.add(k, v);

  console.log(`\nTest set: ${ds.source}\n\n${methodsTable(result)}\n`);
  console.log(`Per-class F1:\n\n${perClassTable(result)}\n`);
  console.log(`SVM vs the network's own softmax head (same ${result.testSamples} test images):`);
  for (const line of comparisonLines(result)) console.log(`  ${line}`);
  console.log('');

  const timing = watch.record();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const title = `CNN features → SVM vs softmax on ${data === 'mnist' ? 'MNIST (bundled sample)' : ds.synthetic ? 'the CIFAR-10 stand-in' : 'CIFAR-10'}`;
  const info = {
    data: ds.source,
    engine: `${engine.engine} (${engine.threads} threads)`,
    model: result.model,
    parameters: result.parameters,
    training: pretrained
      ? `none in this run: loaded ${pretrained.source.file}${pretrained.source.epoch === null ? '' : ` (trained ${pretrained.source.epoch} epochs)`}`
      : `${epochs} epochs, Adam ${learningRate}, batch ${batchSize}, seed ${seed}`,
    standardisation: statsLine,
    ...(result.reference ? { reference: `${result.reference.method}: ${pct(result.reference.accuracy, 2)}` } : {}),
    'feature layers': layers.join(', '),
    SVMs: svms.join(', '),
    'train / test images': `${result.trainSamples} / ${result.testSamples}`,
  };
  const htmlPath = join(outDir, `cnn-features-svm-${data}-${stamp}.html`);
  await writeFileAtomicText(
    htmlPath,
    featuresSvmHtml(result, { title, source: ds.source, synthetic: ds.synthetic, info, timing }),
  );
  console.log(`report: ${htmlPath}`);
  let jsonPath: string | undefined;
  if (cli.str('json')) {
    jsonPath = await writeJson(resolve(cli.str('json') as string), {
      example: 'cnn-features-svm',
      data,
      source: ds.source,
      synthetic: ds.synthetic,
      engine: engine.engine,
      threads: engine.threads,
      options: {
        model: pretrained ? { file: pretrained.source.file, epoch: pretrained.source.epoch } : null,
        standardisation: ds.stats,
        trainSize,
        testSize,
        epochs,
        batchSize,
        learningRate,
        filters,
        units,
        layers,
        svms,
        C,
        maxIter,
        tol,
        rbfC,
        seed,
      },
      ...result,
      timing,
      report_html: htmlPath,
    });
    console.log(`json: ${jsonPath}`);
  }
  await recordLatestReport(outDir, {
    example: 'cnn-features-svm',
    title,
    headline: headline(result),
    html: htmlPath,
    json: jsonPath,
    ...(ds.synthetic ? { note: `${ds.source} — indicative only` } : {}),
  });
  console.log(`total ${timing.total.toFixed(1)} s`);
}

/** `42 s` or `3.5 min`. */
const duration = (s: number) => (s < 60 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(1)} min`);

/** Prints the feature pass's progress every tenth of a set (a 50 000-image pass takes minutes). */
function progressLine(): (set: 'train' | 'test', done: number, total: number) => void {
  const shown = new Map<string, number>();
  const started = new Map<string, number>();
  return (set, done, total) => {
    if (!started.has(set)) started.set(set, performance.now());
    const tenth = Math.floor((10 * done) / total);
    if (tenth === shown.get(set)) return;
    shown.set(set, tenth);
    const elapsed = (performance.now() - (started.get(set) as number)) / 1000;
    if (tenth > 0) console.log(`features ${set}: ${done}/${total} images, ${elapsed.toFixed(0)} s`);
  };
}

// A wrong --model path, a damaged checkpoint, a network that does not fit, CIFAR-10 missing from or damaged under
// --root, an engine that cannot start: one message naming the flag or file, no stack.
main().catch(
  exitOnError('cnn-features-svm', {
    usageErrors: [FeaturesSvmError, ModelSourceError],
    engineFlag: true,
    // CIFAR-10 only: the bundled MNIST sample's errors keep their own hint.
    dataHint: { cifar10: CIFAR_ROOT_HINT },
  }),
);
