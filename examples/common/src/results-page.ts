import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { html, htmlPage, rawHtml, table, type Html } from '@dlkit/report';
import { LATEST_FILE, readLatestReport, type LatestReport } from './latest-report';

/** One row of the results page: the record and where it was found. */
export interface ResultsEntry {
  report: LatestReport;
  /** Folder of the `latest.json`. */
  dir: string;
}

/** Folders below an example that never hold run records (and can be large). */
const NOT_OUTPUT = new Set(['node_modules', 'src', 'test', 'dist']);

/** How deep below an example folder records are looked for: `--out reports/tsne-features` is two levels. */
const MAX_DEPTH = 3;

/**
 * Finds every `latest.json` run record below `examples/<name>/` (up to three folders down: each example records its
 * run in its `--out` folder, by default `reports/`) under `examplesRoot`. Files named `latest.json` that are not run
 * records (checkpoint indexes use the name too) are skipped.
 */
export async function collectLatestReports(examplesRoot: string): Promise<ResultsEntry[]> {
  const root = resolve(examplesRoot);
  const found: ResultsEntry[] = [];
  // depth: folders below the example's own; its package folder itself holds no record.
  const visit = async (dir: string, depth: number): Promise<void> => {
    const report = depth > 0 ? await readLatestReport(join(dir, LATEST_FILE)) : undefined;
    if (report) found.push({ report, dir });
    if (depth === MAX_DEPTH) return;
    const subdirs = (await readdir(dir, { withFileTypes: true })).filter(
      (d) => d.isDirectory() && !d.name.startsWith('.') && !NOT_OUTPUT.has(d.name),
    );
    for (const sub of subdirs) await visit(join(dir, sub.name), depth + 1);
  };
  for (const ex of (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    await visit(join(root, ex.name), 0);
  }
  return found.sort(
    (a, b) => a.report.example.localeCompare(b.report.example) || b.report.finished.localeCompare(a.report.finished),
  );
}

/** The HTML index of every example's last report, with links relative to `pageFile`'s folder. */
export function resultsPageHtml(entries: readonly ResultsEntry[], pageFile: string): string {
  const base = dirname(resolve(pageFile));
  const link = (e: ResultsEntry, p: string | undefined, label: string): Html | null =>
    p === undefined ? null : html`<a href="${relative(base, join(e.dir, p)).split('\\').join('/')}">${label}</a>`;
  const rows = entries.map((e) => {
    const r = e.report;
    const links = [link(e, r.html, 'report'), link(e, r.json, 'json')].filter((l): l is Html => l !== null);
    return [
      html`<b>${r.example}</b>`,
      html`${r.title}${r.note ? html`<div class="note">${r.note}</div>` : null}`,
      html`<ul>${Object.entries(r.headline).map(([k, v]) => html`<li><b>${k}</b>: ${String(v)}</li>`)}</ul>`,
      r.finished.replace('T', ' ').slice(0, 19),
      links.map((l, i) => (i === 0 ? l : html` · ${l}`)),
    ];
  });
  return htmlPage({
    title: 'dlkit — results of the examples',
    css: 'ul{margin:0;padding-left:1.1rem}.note{color:#a60;font-size:12px;margin-top:.25rem}',
    intro: html`<p>The last run of each example found under this folder. Re-run an example (${rawHtml('<code>pnpm --filter @dlkit-examples/&lt;name&gt; start</code>')}) and then ${rawHtml('<code>pnpm results</code>')} to refresh this page.</p>`,
    sections: [
      {
        id: 'examples',
        title: 'Examples',
        content:
          entries.length === 0
            ? html`<p>No example has written a report yet.</p>`
            : table({ head: ['example', 'run', 'headline', 'finished (UTC)', 'files'], rows, numeric: false }),
      },
    ],
  });
}
