import { join } from 'node:path';
import { figure, html as htmlText, htmlPage } from '@dlkit/report';
import { writeFileAtomicText } from '@dlkit-examples/common';
import type { Data } from './data';
import type { Figure } from './embedding';
import type { Options } from './options';

/**
 * Writes the HTML page to `<out>/index.html` and returns its path: a row per layer, a column per snapshot (a grid
 * keeps the layers aligned).
 */
export async function writePage(options: Options, data: Data, network: string, figures: readonly Figure[]): Promise<string> {
  const { layerNames, snapshots, pcaDims, perplexity, nIter, seed, k } = options;
  const html = htmlPage({
    title: `t-SNE of ConvNet features during training — ${data.title}`,
    intro: htmlText`<p>${
      `${data.source}. ${network}. Rows: layers ${layerNames.join(', ')}; columns: epoch ${snapshots.join(', ')} ` +
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
  return writeFileAtomicText(join(options.outDir, 'index.html'), html);
}
