import { figure, html as htmlText, htmlPage, table } from '@dlkit/report';
import type { ClassDistances } from '@dlkit/siamese';
import type { ExperimentOptions } from './options';
import { formatMargin, type SettingResult } from './setting-run';
import { epochsText, type SupervisedReference } from './supervised-reference';

/** What the HTML report shows besides the options. */
export interface ReportContent {
  trainImages: number;
  testImages: number;
  engine: string;
  baselineAccuracy: number;
  baselineDistances: ClassDistances;
  results: readonly SettingResult[];
  /** The twin's network trained with labels (`--supervised N`), or null. */
  supervised: SupervisedReference | null;
  verdictLine: string | undefined;
  /** Held-out loss curves of all settings together (SVG). */
  lossAll: string;
}

/** The HTML report: settings, accuracy table, verdict, loss curves, then each setting's pictures. */
export function reportPage(opts: ExperimentOptions, content: ReportContent): string {
  const { dataName, steps, batchSize, sameFraction, margin, lr, embeddingSize, filters, hidden, augment, fineTune, seed } = opts;
  const { trainImages, testImages, engine, baselineAccuracy, baselineDistances, results, supervised, verdictLine, lossAll } =
    content;
  const startedFrom = supervised?.loadedFrom ?? null;
  const distances = (d: ClassDistances) => [d.same.toFixed(3), d.different.toFixed(3), `×${d.ratio.toFixed(2)}`];
  return htmlPage({
    title: `Siamese ConvNets with contrastive loss — ${dataName}`,
    intro: htmlText`<p>${trainImages} training images; ${steps} steps × ${batchSize} pairs per setting (same-class fraction ${sameFraction}, margin ${margin === 'auto' ? 'auto: the start network’s mean different-class distance, d for hadsell, d² for forms 1 and 2' : margin}, Adam ${lr}${augment ? ', random crop + flip every step' : ''}),
${startedFrom === null ? `twin ConvNet conv ${filters[0]}/${filters[1]} maps, fc ${hidden}, embedding ${embeddingSize}` : `twin network: the trained classifier ${startedFrom} cut before its output layer, every setting fine-tuned from it`}${fineTune ? ', every setting fine-tuned from the supervised reference’s trained network' : ''}; one-vs-rest linear SVM on ${testImages} test embeddings (80/20); seed ${seed}; engine ${engine}.</p>
${table({
  head: ['setting', 'SVM accuracy', 'held-out loss', 'distance same class', 'different', 'ratio', 'training'],
  rows: [
    ['untrained ConvNet', baselineAccuracy.toFixed(3), '', ...distances(baselineDistances), ''],
    ...results.map((r) => [
      margin === 'auto' ? `${r.setting} (margin ${formatMargin(r.margin)})` : r.setting,
      r.svmAccuracy.toFixed(3),
      r.finalEvalLoss?.toFixed(4) ?? '–',
      ...distances(r.distances),
      `${r.trainSeconds.toFixed(0)} s`,
    ]),
    ...(supervised === null
      ? []
      : [
          [
            startedFrom === null
              ? `supervised reference: the same network, ${epochsText(supervised.epochs)} of cross-entropy (softmax ${supervised.softmaxAccuracy.toFixed(3)})`
              : `start network, as loaded (softmax ${supervised.softmaxAccuracy.toFixed(3)})`,
            supervised.svmAccuracy.toFixed(3),
            '',
            ...distances(supervised.distances),
            `${supervised.trainSeconds.toFixed(0)} s`,
          ],
        ]),
  ],
})}
${verdictLine === undefined ? null : htmlText`<p>${verdictLine}</p>`}
${figure(lossAll)}`,
    sections: results.map((r) => ({
      title: r.setting,
      content: htmlText`<div class="charts">${figure(r.lossSvg)}${figure(r.tsneSvg)}</div>`,
    })),
  });
}
