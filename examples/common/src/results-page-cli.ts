/**
 * Writes examples/results.html: one index linking every example's last report.
 *   pnpm results            (from the repository root)
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectLatestReports, resultsPageHtml } from './results-page';
import { writeFileAtomicText } from './text-output';

const examplesRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const out = resolve(process.argv[2] && process.argv[2] !== '--' ? process.argv[2] : resolve(examplesRoot, 'results.html'));
const entries = await collectLatestReports(examplesRoot);
await writeFileAtomicText(out, resultsPageHtml(entries, out));
console.log(`results page: ${out} (${entries.length} example report${entries.length === 1 ? '' : 's'})`);
