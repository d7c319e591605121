/**
 * t-SNE of learned features: trains a ConvNet briefly — the Torch-tutorial ConvNet (@dlkit/models' mnistConvNet) on
 * MNIST or Fashion-MNIST, the TF-tutorial CifarNet (cifarNetTf) on CIFAR-10 — and, before training (epoch 0), in the
 * middle and at the end, extracts the test-set activations of two layers,
 * reduces them with PCA (→ 50) and embeds them with t-SNE (@dlkit/embeddings). Writes one SVG and one PNG per
 * (layer, snapshot), an HTML page with the snapshots side by side, a table on stdout and optional JSON.
 *
 *   pnpm --filter @dlkit-examples/tsne-features start
 *   pnpm --filter @dlkit-examples/tsne-features start -- --data fashion --train-size 20000 --test-size 10000
 *   pnpm --filter @dlkit-examples/tsne-features start -- --data cifar10 --root /data/cifar10
 *   pnpm --filter @dlkit-examples/tsne-features start -- --data cifar10 --root /data/cifar10 --estimate-only
 *
 * Before training it times a throwaway copy of the network on a few batches and prints how long training and
 * feature capture will take (`estimated time: …`); `--estimate-only` stops there.
 */
import { initBackend } from '@dlkit/backend';
import { exitOnError } from '@dlkit-examples/common';
import { loadData } from './data';
import { embedSnapshots, type Row } from './embedding';
import { estimateRun } from './estimate';
import { parseOptions, type Options } from './options';
import { writePage } from './page';
import { buildModel, trainWithSnapshots } from './snapshot-training';
import { reportRun } from './summary';
import { secondsSince, timed, type Timing } from './timing';

async function main(): Promise<void> {
  const { options, cli } = parseOptions();
  const timing: Timing = {};
  const wall = performance.now();
  const engine = await timed(timing, 'engine', () => startEngine(options));
  const data = await timed(timing, 'load', () => loadData(options, cli));
  console.log(`data: ${data.source}`);
  const network = buildModel(options, data, cli);
  console.log(
    `model: ${network.description}, ${network.model.countParams()} parameters; snapshots at epoch ${options.snapshots.join(', ')}`,
  );
  // Measured after the real model is built (the copy takes its own seed and later layer names), so a seeded run
  // gives the same numbers with or without it.
  const estimate = await timed(timing, 'estimate', () => estimateRun(options, data));
  console.log(estimate.line);
  if (options.estimateOnly) {
    network.model.dispose();
    return;
  }
  const run = await timed(timing, 'train + capture', () => trainWithSnapshots(network.model, options, data));
  timing.capture = run.captures.reduce((s, c) => s + c.extractSeconds, 0);
  const { rows, figures } = await embedSnapshots(options, data, run);
  addEmbeddingTimes(timing, rows);
  const htmlPath = await writePage(options, data, network.description, figures);
  timing.total = secondsSince(wall);
  await reportRun(options, data, {
    engineName: engine.engine,
    model: network.description,
    estimate,
    run,
    rows,
    htmlPath,
    timing,
  });
}

/** Starts the compute engine (--engine, or the fastest available) and logs which one runs. */
async function startEngine(options: Options): Promise<Awaited<ReturnType<typeof initBackend>>> {
  const engine = await initBackend(options.engine !== undefined ? { prefer: options.engine, strict: true } : {});
  console.log(`engine: ${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'}) — ${engine.reason}`);
  return engine;
}

/** Adds the summed PCA, t-SNE and quality seconds of all embeddings to `timing`. */
function addEmbeddingTimes(timing: Timing, rows: readonly Row[]): void {
  timing.pca = rows.reduce((s, r) => s + r.seconds.pca, 0);
  timing.tsne = rows.reduce((s, r) => s + r.seconds.tsne, 0);
  timing.quality = rows.reduce((s, r) => s + r.seconds.quality, 0);
}

// loadData stops on a data error itself, with what --root takes; an --engine that cannot start, an --out that
// cannot be written end here, in one message as well.
main().catch(exitOnError('tsne-features', { engineFlag: true }));
