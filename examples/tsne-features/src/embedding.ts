import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PCA, knnAccuracy, trustworthiness, tsne } from '@dlkit/embeddings';
import { scatterPlot } from '@dlkit/report';
import { svgToPng } from '@dlkit/report/png';
import type { Data } from './data';
import type { Options } from './options';
import { secondsSince } from './timing';
import type { Capture, SnapshotRun } from './snapshot-training';

/** One row of the results table: one (layer, snapshot) embedding and its quality. */
export interface Row {
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

/** One picture of the HTML page. */
export interface Figure {
  title: string;
  svg: string;
  note: string;
}

const live = process.stderr.isTTY === true && !process.env.CI;

/**
 * Embeds every captured (layer, snapshot) with PCA + t-SNE, in layer-major order, writes its SVG and PNG to
 * --out and logs one line per embedding.
 */
export async function embedSnapshots(
  options: Options,
  data: Data,
  run: SnapshotRun,
): Promise<{ rows: Row[]; figures: Figure[] }> {
  await mkdir(options.outDir, { recursive: true });
  const rows: Row[] = [];
  const figures: Figure[] = [];
  for (const layer of options.layerNames) {
    for (const epoch of options.snapshots) {
      const c = run.captures.find((x) => x.layer === layer && x.epoch === epoch);
      if (c === undefined) throw new Error(`no features captured for ${layer} at epoch ${epoch}`);
      const { row, figure } = await embedCapture(c, run.testAccuracy.get(epoch) ?? NaN, options, data);
      rows.push(row);
      figures.push(figure);
    }
  }
  return { rows, figures };
}

/** PCA + t-SNE of one capture, its quality measures and its pictures. */
async function embedCapture(c: Capture, acc: number, options: Options, data: Data): Promise<{ row: Row; figure: Figure }> {
  const { layer, epoch } = c;
  const { pcaDims, perplexity, nIter, threads, k, seed, outDir } = options;
  const labels = data.labels;
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
    classNames: data.trainSet.classNames,
    width: 520,
    height: 440,
  });
  const svgPath = join(outDir, `${base}.svg`);
  const pngPath = join(outDir, `${base}.png`);
  await writeFile(svgPath, svg);
  // The PNG is the same picture at twice the resolution, text drawn with a real font.
  await writeFile(pngPath, await svgToPng(svg, { scale: 2 }));
  const figure: Figure = {
    title: `${layer}, epoch ${epoch}`,
    svg,
    note: `test acc ${(acc * 100).toFixed(1)} % · trustworthiness ${trust.toFixed(3)} · ${k}-NN acc ${(knn * 100).toFixed(1)} % · KL ${res.klDivergence.toFixed(2)}`,
  };
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
  console.log(
    `embedded ${tag}: t-SNE ${tsneSeconds.toFixed(1)} s (${res.method}, ${res.threads} thread${res.threads === 1 ? '' : 's'}), ` +
      `trustworthiness ${trust.toFixed(4)}, ${k}-NN acc ${knn.toFixed(4)}`,
  );
  return { row, figure };
}
