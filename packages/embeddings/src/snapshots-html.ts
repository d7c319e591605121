import { escapeXml } from './scatter-svg.js';

/** One picture of {@link snapshotsHtml}. */
export interface Snapshot {
  /** Caption, e.g. `'epoch 10'`. */
  title: string;
  /** An SVG document, e.g. from {@link scatterSvg}; embedded inline. */
  svg: string;
  /** Optional extra line under the caption, e.g. `'trustworthiness 0.987'`. */
  note?: string;
}

/** Options of {@link snapshotsHtml}. */
export interface SnapshotsHtmlOptions {
  /** Page title and heading. Default `'t-SNE snapshots'`. */
  title?: string;
  /** Paragraph shown under the heading. */
  description?: string;
}

/**
 * A self-contained HTML page showing several embeddings side by side (e.g. epoch 0, 10, 20 of training),
 * with the SVGs inline so the file can be opened or attached anywhere.
 *
 * @example
 * ```ts
 * const html = snapshotsHtml(
 *   runs.map((r) => ({ title: `epoch ${r.epoch}`, svg: scatterSvg(r.embedding, labels) })),
 *   { title: 'ConvNet features, layer dense1' },
 * );
 * writeFileSync('snapshots.html', html);
 * ```
 */
export function snapshotsHtml(snapshots: readonly Snapshot[], options: SnapshotsHtmlOptions = {}): string {
  const { title = 't-SNE snapshots', description } = options;
  const figures = snapshots
    .map(
      (s) =>
        `<figure>\n${s.svg.replace(/^<\?xml[^>]*>\s*/, '')}\n<figcaption><b>${escapeXml(s.title)}</b>${
          s.note ? `<br>${escapeXml(s.note)}` : ''
        }</figcaption>\n</figure>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeXml(title)}</title>
<style>
body { font-family: sans-serif; margin: 16px; }
.row { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
figure { margin: 0; border: 1px solid #ddd; padding: 6px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { text-align: center; font-size: 14px; margin-top: 4px; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
${description ? `<p>${escapeXml(description)}</p>\n` : ''}<div class="row">
${figures}
</div>
</body>
</html>
`;
}
