/**
 * CNN features → one-vs-rest SVM, side by side with the network's own softmax head.
 *
 *   pnpm --filter @dlkit-examples/cnn-features-svm start
 *   pnpm --filter @dlkit-examples/cnn-features-svm start -- --root ~/data/cifar --train-size 20000 --test-size 5000
 *   pnpm --filter @dlkit-examples/cnn-features-svm start -- --data mnist
 */
import { join, resolve } from 'node:path';
import { initBackend, type EngineName } from '@dlkit/backend';
import { epochLogger, parseCli, recordLatestReport, stopwatch, writeFileAtomicText, writeJson } from '@dlkit-examples/common';
import { loadExperimentData } from './data';
import { defaultLayers, runFeaturesSvm, type SvmKind } from './features-svm';
import { featuresSvmHtml } from './html';
import { headline, methodsTable, perClassTable } from './summary';
import { pct } from '@dlkit-examples/common';

const USAGE = `Usage: cnn-features-svm [options]
  --data cifar10|mnist   CIFAR-10 (real files from --root, else the generated stand-in; default) or the bundled MNIST sample
  --root DIR             folder holding cifar-10-batches-bin (default: the dataset cache)
  --train-size N         training images (default 4000; --quick 400)
  --test-size N          test images (default 1000; --quick 200)
  --epochs N             network training epochs (default 2; --quick 1)
  --batch-size N         mini-batch size (default 32)
  --lr X                 Adam learning rate (default 0.001)
  --filters A,B          CifarNet conv maps (default 32,32)
  --units A,B            CifarNet fc1, fc2 units (default 384,192)
  --layers A,B,C         feature layers (default flatten,fc1,fc2; mnist: flatten,fc1,act3)
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
  const layers = cli.list('layers', defaultLayers(data));
  const svms = cli.list<SvmKind>('svm', ['linear'], ['linear', 'rbf']);
  const C = cli.float('C', 0.01);
  const maxIter = cli.int('max-iter', 200);
  const tol = cli.float('tol', 1e-3);
  const rbfC = cli.float('rbf-C', 5);
  const seed = cli.int('seed', 1, 0);
  const outDir = resolve(cli.str('out') ?? 'reports');
  const engineName = cli.str('engine');

  const watch = stopwatch();
  const engine = await watch.time('start engine', () =>
    initBackend(engineName ? { prefer: engineName as EngineName, strict: true } : {}),
  );
  console.log(`engine: ${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'})`);
  const ds = await watch.time('load data', () => loadExperimentData({ data, root: cli.str('root'), trainSize, testSize, seed }));
  console.log(
    `data: ${ds.source}\n      ${ds.train.shape[0]} train / ${ds.test.shape[0]} test images of ${ds.train.shape.slice(1).join('×')}`,
  );
  if (ds.synthetic) console.log('      (generated stand-in: the numbers below are indicative only)');

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
    onProgress: epochLogger('network'),
    onMethod: (m) => console.log(`${m.method.padEnd(24)} test acc ${pct(m.accuracy, 2)}  (train ${m.trainSeconds.toFixed(1)} s)`),
  });
  console.log(`model: ${result.model}, ${result.parameters} parameters`);
  for (const [k, v] of Object.entries(result.timing)) watch.add(k, v);

  console.log(`\nTest set: ${ds.source}\n\n${methodsTable(result)}\n`);
  console.log(`Per-class F1:\n\n${perClassTable(result)}\n`);

  const timing = watch.record();
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const title = `CNN features → SVM vs softmax on ${data === 'mnist' ? 'MNIST (bundled sample)' : ds.synthetic ? 'the CIFAR-10 stand-in' : 'CIFAR-10'}`;
  const info = {
    data: ds.source,
    engine: `${engine.engine} (${engine.threads} threads)`,
    model: result.model,
    parameters: result.parameters,
    training: `${epochs} epochs, Adam ${learningRate}, batch ${batchSize}, seed ${seed}`,
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

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
