import { escapeHtml } from './html';
import { readdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { LATEST_FILE, readLatestReport, type LatestReport } from './latest-report';

const esc = escapeHtml;

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
    const subdirs = (await readdir(exDir, { withFileTypes: true })).filter((d) => d.isDirectory() && d.name !== 'node_modules' && d.name !== 'src');
    for (const sub of subdirs) {
      const report = await readLatestReport(join(exDir, sub.name, LATEST_FILE));
      if (report) found.push({ report, dir: join(exDir, sub.name) });
    }
  }
  return found.sort((a, b) => a.report.example.localeCompare(b.report.example) || b.report.finished.localeCompare(a.report.finished));
}

/** The HTML index of every example's last report, with links relative to `pageFile`'s folder. */
export function resultsPageHtml(entries: readonly ResultsEntry[], pageFile: string): string {
  const base = dirname(resolve(pageFile));
  const link = (e: ResultsEntry, p: string | undefined, label: string) =>
    p === undefined ? '' : `<a href="${esc(relative(base, join(e.dir, p)).split('\\').join('/'))}">${label}</a>`;
  const rows = entries.map((e) => {
    const r = e.report;
    const head = Object.entries(r.headline).map(([k, v]) => `<li><b>${esc(k)}</b>: ${esc(String(v))}</li>`).join('');
    return `<tr><td><b>${esc(r.example)}</b></td><td>${esc(r.title)}${r.note ? `<div class="note">${esc(r.note)}</div>` : ''}</td>` +
      `<td><ul>${head}</ul></td><td>${esc(r.finished.replace('T', ' ').slice(0, 19))}</td>` +
      `<td>${[link(e, r.html, 'report'), link(e, r.json, 'json')].filter(Boolean).join(' · ')}</td></tr>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>dlkit — results of the examples</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.5rem;vertical-align:top;text-align:left}
ul{margin:0;padding-left:1.1rem}.note{color:#a60;font-size:12px;margin-top:.25rem}
</style></head><body>
<h1>dlkit — results of the examples</h1>
<p>The last run of each example found under this folder. Re-run an example (<code>pnpm --filter @dlkit-examples/&lt;name&gt; start</code>) and then <code>pnpm results</code> to refresh this page.</p>
${entries.length === 0 ? '<p>No example has written a report yet.</p>' : `<table><thead><tr><th>example</th><th>run</th><th>headline</th><th>finished (UTC)</th><th>files</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`}
</body></html>
`;
}
