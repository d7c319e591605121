import { join } from 'node:path';
import type { Tensor } from '@tensorflow/tfjs-core';
import {
  type ClassDistances,
  classDistances,
  embed,
  embeddingPicture,
  pairSampler,
  type PairStrategy,
  type SiameseHistory,
  type SiameseNetwork,
  type SvmAccuracy,
  svmAccuracy,
  trainSiamese,
} from '@dlkit/siamese';
import { svgToPng } from '@dlkit/report/png';
import { writeFileAtomic, writeFileAtomicText } from '@dlkit-examples/common';
import type { ExperimentData } from './data';
import { type ExperimentOptions, type Setting, settingSlug } from './options';
import { lossChart, tsneChart } from './pictures';
import { settingCheckpointDir } from './resume';
import { augmentOption } from './augmentation';
import { twinNetwork } from './twin-network';

/** What one setting produced: its scores, its loss history and its pictures. */
export interface SettingResult {
  setting: string;
  form: string;
  strategy: PairStrategy;
  /** The contrastive margin it trained with (`--margin`, or its form's on the reference's scale with `auto`). */
  margin: number;
  svmAccuracy: number;
  svmTrainAccuracy: number;
  /** Mean same-class and different-class distances of the scored test embeddings (collapse shows here). */
  distances: ClassDistances;
  finalEvalLoss: number | null;
  /** Wall seconds of training in this run (a resumed setting: only the steps after its checkpoint). */
  trainSeconds: number;
  tsneKl: number;
  history: SiameseHistory;
  /** The t-SNE picture and the loss curve (SVG), for the HTML report. */
  tsneSvg: string;
  lossSvg: string;
}

/** One-vs-rest linear-SVM accuracy (80/20) of the network's embeddings of the scored test images. */
export function scoreEmbeddings(net: SiameseNetwork, data: ExperimentData, seed: number) {
  const Z = embed(net, data.fullTest, { indices: data.testSubset });
  return { Z, svm: svmAccuracy(Z, data.testLabels, { seed }), distances: classDistances(Z, data.testLabels, { seed }) };
}

/**
 * The floor each setting has to beat: the same ConvNet with its initial (untrained) weights — random conv
 * features already separate the classes somewhat. `untrainedNet` makes it for a `--start-from` network.
 */
export async function untrainedBaseline(
  data: ExperimentData,
  opts: ExperimentOptions,
  untrainedNet: (() => Promise<SiameseNetwork>) | null = null,
): Promise<SvmAccuracy & { distances: ClassDistances }> {
  const untrained = untrainedNet === null ? twinNetwork(data, opts) : await untrainedNet();
  const { svm, distances } = scoreEmbeddings(untrained, data, opts.seed);
  untrained.twin.dispose();
  console.log(
    `untrained ConvNet (baseline): one-vs-rest linear SVM accuracy ${svm.accuracy.toFixed(3)}; ${describeDistances(distances)}`,
  );
  return { ...svm, distances };
}

/** A margin as the log and the report show it: 4 significant digits (372.8, 19.31). */
export const formatMargin = (m: number): string => String(Number(m.toPrecision(4)));

/** The mean same-/different-class distances as one log phrase. */
export function describeDistances(d: ClassDistances): string {
  return `mean distance same class ${d.same.toFixed(3)}, different ${d.different.toFixed(3)} (×${d.ratio.toFixed(2)})`;
}

/**
 * Trains a fresh network in one setting, logging the first and last step (every evaluation on a terminal). With
 * `--checkpoint` it checkpoints into the setting's folder, and with `--resume` continues from its newest
 * checkpoint (`trainSiamese` restores the weights, the optimiser, the history and the pair stream; a checkpoint
 * of the last step leaves nothing to train).
 */
async function trainInSetting(
  net: SiameseNetwork,
  setting: Setting,
  margin: number,
  data: ExperimentData,
  opts: ExperimentOptions,
): Promise<SiameseHistory> {
  const { batchSize, sameFraction, seed, checkpointDir } = opts;
  const history = await trainSiamese(net, data.train, {
    sampler: pairSampler(setting.strategy, data.train.labels, { batchSize, sameFraction, seed }),
    steps: opts.steps,
    form: setting.form,
    margin,
    optimizer: { name: 'adam', learningRate: opts.lr },
    ...augmentOption(opts),
    evaluation: { pairs: data.heldOut, data: data.fullTest, every: opts.evalEvery },
    seed,
    ...(checkpointDir === undefined
      ? {}
      : { checkpoint: { dir: settingCheckpointDir(checkpointDir, setting) }, resume: opts.resume }),
    onProgress: (p) => {
      if (!process.stdout.isTTY && p.step !== 0 && p.step !== p.steps) return;
      const tl = p.trainLoss === null ? '   —  ' : p.trainLoss.toFixed(4);
      console.log(
        `  [${setting.name}] step ${String(p.step).padStart(5)}/${p.steps}  train ${tl}  held-out ${p.evalLoss?.toFixed(4)}  ${(p.elapsedMs / 1000).toFixed(0)} s`,
      );
    },
  });
  if (history.resumedFrom === history.steps) {
    console.log(`  [${setting.name}] all ${history.steps} steps were in its checkpoint: not trained again`);
  } else if (history.resumedFrom > 0) {
    console.log(`  [${setting.name}] resumed after step ${history.resumedFrom} of ${history.steps} from its checkpoint`);
  }
  return history;
}

/**
 * Where a setting starts: its margin, with `--fine-tune` the supervised reference's trained weights, with
 * `--start-from` the loaded network.
 */
export interface SettingStart {
  margin: number;
  /** Replace the twin's initial weights (a resumed setting takes its checkpoint's); null: the initial weights. */
  weights: readonly Tensor[] | null;
  /** Makes the twin (`--start-from`: the loaded classifier's body); null: the twin ConvNet of the flags' widths. */
  network: (() => Promise<SiameseNetwork>) | null;
}

/**
 * Trains, scores and draws one setting: writes its t-SNE picture (SVG + PNG), loss curve and history into
 * `opts.outDir`, logs its accuracy, and frees the network.
 */
export async function runSetting(
  setting: Setting,
  start: SettingStart,
  data: ExperimentData,
  opts: ExperimentOptions,
): Promise<SettingResult> {
  const { outDir, seed } = opts;
  const net = start.network === null ? twinNetwork(data, opts) : await start.network();
  if (start.weights !== null) net.embedding.setWeights([...start.weights]);
  const history = await trainInSetting(net, setting, start.margin, data, opts);
  const { Z, svm, distances } = scoreEmbeddings(net, data, seed);
  const slug = settingSlug(setting.name);
  const pic = embeddingPicture(Z, data.testLabels, { maxPoints: opts.tsnePoints, seed });
  const tsneSvg = tsneChart(pic, data.train.classNames, `${setting.name}: t-SNE of ${pic.points.rows} test embeddings`);
  await writeFileAtomicText(join(outDir, `tsne-${slug}.svg`), tsneSvg);
  await writeFileAtomic(join(outDir, `tsne-${slug}.png`), await svgToPng(tsneSvg, { scale: 2 }));
  const lossSvg = lossChart([{ name: setting.name, history }], `${setting.name}: contrastive loss`);
  await writeFileAtomicText(join(outDir, `loss-${slug}.svg`), lossSvg);
  await writeFileAtomicText(join(outDir, `history-${slug}.json`), JSON.stringify(history));
  const last = history.evaluations[history.evaluations.length - 1];
  console.log(
    `${setting.name}: one-vs-rest linear SVM accuracy ${svm.accuracy.toFixed(3)} (train ${svm.trainAccuracy.toFixed(3)}), trained in ${(history.elapsedMs / 1000).toFixed(0)} s${opts.margin === 'auto' ? ` at margin ${formatMargin(start.margin)} (auto)` : ''}; ${describeDistances(distances)}`,
  );
  net.twin.dispose();
  return {
    setting: setting.name,
    form: setting.form,
    strategy: setting.strategy,
    margin: start.margin,
    svmAccuracy: svm.accuracy,
    svmTrainAccuracy: svm.trainAccuracy,
    distances,
    finalEvalLoss: last.evalLoss,
    trainSeconds: history.elapsedMs / 1000,
    tsneKl: pic.klDivergence,
    history,
    tsneSvg,
    lossSvg,
  };
}
