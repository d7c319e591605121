/**
 * The main job: the Torch-tutorial MNIST ConvNet (@dlkit/models' mnistConvNet) trained on the bundled MNIST
 * digits (8,000 train / 2,000 test) or on the full Fashion-MNIST, with the classification report on stdout,
 * an HTML report (loss/accuracy/learning-rate curves, confusion heatmap, timing) and optional JSON metrics.
 *
 *   pnpm --filter @dlkit-examples/mnist-convnet start
 *   pnpm --filter @dlkit-examples/mnist-convnet start -- --data fashion --root /usr/share/datasets/fashion-mnist
 */
import { parseArgs } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { initBackend, type EngineName } from '@dlkit/backend';
import { channelStats, loadMnist, loadMnistSample, normalize, type ImageDataset } from '@dlkit/datasets';
import {
  evaluate, mnistConvNet, saveModel, train, ttyProgress, writeHtmlReport,
  type OptimizerName, type PoolingKind, type ActivationKind, type LrSchedule,
} from '@dlkit/models';

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
  --val X                  fraction of the training set held out for validation curves (default 0.05)
  --patience N             early stopping patience on the validation loss (default: none)
  --seed N                 seed of the weights, the shuffling and the split (default 1)
  --engine NAME            tfjs-node-gpu | tfjs-node | wasm | cpu (default: the fastest available)
  --threads N              wasm kernel threads (default: number of cores)
  --out DIR                report folder (default ./reports)
  --json FILE              also write metrics and timings as JSON
  --save DIR               also save the trained model (tfjs format)
  --checkpoint DIR         write a checkpoint after every epoch into DIR
  --resume                 continue from the newest checkpoint in --checkpoint DIR (same seed)
  --limit N                use only the first N training samples (quick trials)
  -h, --help               this text`;

function die(message: string): never {
  console.error(`mnist-convnet: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function int(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) die(`--${name} must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

function float(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) die(`--${name} must be a non-negative number, got ${JSON.stringify(v)}`);
  return n;
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    // `pnpm start -- --flag` passes the `--` through.
    const args = process.argv.slice(2);
    if (args[0] === '--') args.shift();
    ({ values } = parseArgs({
      args,
      options: {
        data: { type: 'string' }, root: { type: 'string' }, epochs: { type: 'string' }, 'batch-size': { type: 'string' },
        optimizer: { type: 'string' }, lr: { type: 'string' }, schedule: { type: 'string' }, nstates: { type: 'string' },
        pooling: { type: 'string' }, activation: { type: 'string' }, val: { type: 'string' }, patience: { type: 'string' },
        seed: { type: 'string' }, engine: { type: 'string' }, threads: { type: 'string' }, out: { type: 'string' },
        json: { type: 'string' }, save: { type: 'string' }, limit: { type: 'string' }, help: { type: 'boolean', short: 'h' },
        checkpoint: { type: 'string' }, resume: { type: 'boolean' },
      },
      allowPositionals: false,
    }));
  } catch (e) {
    die((e as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const str = (k: string) => values[k] as string | undefined;
  const variant = str('data') ?? 'mnist';
  if (variant !== 'mnist' && variant !== 'fashion') die(`--data must be mnist or fashion, got ${JSON.stringify(variant)}`);
  const optimizerName = (str('optimizer') ?? 'adam') as OptimizerName;
  if (!['sgd', 'momentum', 'adadelta', 'adam'].includes(optimizerName)) die(`unknown --optimizer ${optimizerName}`);
  const defaultLr = optimizerName === 'adam' ? 0.001 : optimizerName === 'adadelta' ? 1 : 0.05;
  const learningRate = float('lr', str('lr'), defaultLr);
  const epochs = int('epochs', str('epochs'), variant === 'mnist' ? 4 : 8);
  const batchSize = int('batch-size', str('batch-size'), 32);
  const seed = Number(str('seed') ?? 1);
  const nstates = (str('nstates') ?? '64,64,128').split(',').map(Number) as [number, number, number];
  if (nstates.length !== 3 || nstates.some((v) => !Number.isInteger(v) || v <= 0)) die('--nstates takes three positive integers, e.g. 64,64,128');
  const scheduleName = str('schedule') ?? 'step';
  const schedules: Record<string, LrSchedule | undefined> = {
    none: undefined,
    step: { type: 'step', stepSize: 1, gamma: 0.5 },
    halve: { type: 'halveOnPlateau' },
    div10: { type: 'divideBy10OnPlateau' },
  };
  if (!(scheduleName in schedules)) die(`--schedule must be none, step, halve or div10`);
  const valFraction = float('val', str('val'), 0.05);
  if (values.resume === true && !str('checkpoint')) die('--resume needs --checkpoint DIR');
  const outDir = resolve(str('out') ?? 'reports');

  const timing: Record<string, number> = {};
  const wall = performance.now();
  let t = performance.now();
  const engine = await initBackend({
    ...(str('engine') ? { prefer: str('engine') as EngineName, strict: true } : {}),
    ...(str('threads') ? { threads: int('threads', str('threads'), 1) } : {}),
  });
  timing['start engine'] = (performance.now() - t) / 1000;
  console.log(`engine: ${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'}) — ${engine.reason}`);

  t = performance.now();
  const raw =
    variant === 'mnist'
      ? await loadMnistSample({ dtype: 'float32', seed: 0 })
      : await loadMnist({ variant: 'fashion', dtype: 'float32', ...(str('root') ? { root: str('root') } : {}) });
  // Standardise with the training set's mean and deviation (torchvision's Normalize).
  const stats = channelStats(raw.train.images, raw.train.shape);
  const prep = (d: ImageDataset<Float32Array>, limit?: number): ImageDataset<Float32Array> => {
    const n = Math.min(d.shape[0], limit ?? Infinity);
    const size = d.shape[1] * d.shape[2] * d.shape[3];
    const shape: [number, number, number, number] = [n, d.shape[1], d.shape[2], d.shape[3]];
    return {
      images: normalize(d.images.subarray(0, n * size), shape, stats),
      labels: d.labels.subarray(0, n),
      shape,
      classNames: d.classNames,
    };
  };
  const trainSet = prep(raw.train, str('limit') ? int('limit', str('limit'), 1) : undefined);
  const testSet = prep(raw.test);
  timing['load data'] = (performance.now() - t) / 1000;
  const title = variant === 'mnist' ? 'MNIST (bundled sample)' : 'Fashion-MNIST';
  console.log(`${title}: ${trainSet.shape[0]} train / ${testSet.shape[0]} test images of ${trainSet.shape.slice(1).join('×')}`);

  const model = mnistConvNet({
    nstates,
    pooling: (str('pooling') ?? 'l2') as PoolingKind,
    activation: (str('activation') ?? 'tanh') as ActivationKind,
    numClasses: trainSet.classNames.length,
    seed,
  });
  console.log(`model: Torch-tutorial ConvNet ${nstates.join('-')}, ${model.countParams()} parameters`);

  t = performance.now();
  const result = await train(model, trainSet, {
    epochs,
    batchSize,
    optimizer: { name: optimizerName, learningRate } as never,
    schedule: schedules[scheduleName],
    validationSplit: valFraction > 0 ? valFraction : undefined,
    earlyStopping: str('patience') ? { patience: int('patience', str('patience'), 1) } : undefined,
    seed,
    ...(str('checkpoint') ? { checkpoint: { dir: resolve(str('checkpoint') as string) }, resume: values.resume === true } : {}),
    onProgress: (() => {
      const bar = ttyProgress();
      return (e) => {
        bar(e);
        // Outside a TTY (CI, pipes) print one line per epoch instead of the bar.
        if (e.type === 'epoch' && !(process.stderr.isTTY && !process.env.CI)) {
          const r = e.record;
          console.log(
            `epoch ${r.epoch}/${e.epochs}  loss ${r.loss.toFixed(4)}  acc ${r.accuracy.toFixed(4)}` +
              (r.valAccuracy === null ? '' : `  val_loss ${(r.valLoss ?? 0).toFixed(4)}  val_acc ${r.valAccuracy.toFixed(4)}`) +
              `  lr ${r.learningRate.toPrecision(3)}  ${r.seconds.toFixed(1)}s`,
          );
        }
      };
    })(),
  });
  timing.train = (performance.now() - t) / 1000;
  if (result.resumedFrom > 0) console.log(`resumed after epoch ${result.resumedFrom} from ${str('checkpoint')}`);

  t = performance.now();
  const ev = evaluate(model, testSet, { topK: [1, 2] });
  timing.evaluate = (performance.now() - t) / 1000;
  console.log(`\nTest set (${testSet.shape[0]} images):\n\n${ev.report.text}`);
  console.log(`test accuracy ${(ev.accuracy * 100).toFixed(2)} %   top-2 ${((ev.topK[2] ?? 0) * 100).toFixed(2)} %`);

  t = performance.now();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const reportPath = join(outDir, `mnist-convnet-${variant}-${stamp}.html`);
  if (str('save')) await saveModel(model, resolve(str('save') as string));
  timing.report = (performance.now() - t) / 1000;
  timing.total = (performance.now() - wall) / 1000;
  const info = {
    dataset: title,
    engine: `${engine.engine} (${engine.threads} threads)`,
    model: `mnistConvNet nstates ${nstates.join('-')}, ${str('pooling') ?? 'l2'} pooling, ${str('activation') ?? 'tanh'}`,
    parameters: model.countParams(),
    optimizer: `${optimizerName}, lr ${learningRate}, schedule ${scheduleName}`,
    'batch size': batchSize,
    seed,
    'stop reason': result.stopReason,
  };
  await writeHtmlReport(reportPath, { title: `Torch-tutorial ConvNet on ${title}`, history: result.history, evaluation: ev, timing, info });
  console.log(`report: ${reportPath}`);
  if (str('json')) {
    const jsonPath = resolve(str('json') as string);
    await mkdir(dirname(jsonPath), { recursive: true });
    const summary = {
      dataset: variant,
      engine: engine.engine,
      threads: engine.threads,
      trainSamples: trainSet.shape[0],
      testSamples: testSet.shape[0],
      model: info.model,
      parameters: info.parameters,
      options: { epochs, batchSize, optimizer: optimizerName, learningRate, schedule: scheduleName, validation: valFraction, seed },
      accuracy: ev.accuracy,
      loss: ev.loss,
      topK: ev.topK,
      perClassAccuracy: Object.fromEntries(ev.perClass.labels.map((l, i) => [ev.classNames[l], ev.perClass.accuracy[i]])),
      report: ev.report.toDict(),
      confusionMatrix: ev.confusionMatrix.toArray(),
      history: result.history,
      stopReason: result.stopReason,
      timing,
      report_html: reportPath,
    };
    await writeFile(jsonPath, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`json: ${jsonPath}`);
  }
  console.log(`total ${timing.total.toFixed(1)} s (training ${timing.train.toFixed(1)} s)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
