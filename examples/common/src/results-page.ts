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

/** Finds `examples/<name>/reports/latest.json` (or any `<name>/<sub>/latest.json` one level down) under `examplesRoot`. */
export async function collectLatestReports(examplesRoot: string): Promise<ResultsEntry[]> {
  const root = resolve(examplesRoot);
  const found: ResultsEntry[] = [];
  for (const ex of (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory())) {
    const exDir = join(root, ex.name);
    const subdirs = (await readdir(exDir, { withFileTypes: true })).filter(
      (d) => d.isDirectory() && d.name !== 'node_modules' && d.name !== 'src',
    );
    for (const sub of subdirs) {
      const report = await readLatestReport(join(exDir, sub.name, LATEST_FILE));
      if (report) found.push({ report, dir: join(exDir, sub.name) });
    }
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
