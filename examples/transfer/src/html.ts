import { lineChartSvg, type EpochRecord } from '@dlkit/models';
import { bestByMethod, runRows, summaryRows } from './summary';
import { escapeHtml, htmlTable, pct, secs } from '@dlkit-examples/common';
import type { RunResult } from './transfer-experiment';
import { xyChartSvg } from './xy-chart';

const esc = escapeHtml;
const COLORS: Record<string, string> = { 'feature extractor': '#0072b2', 'fine-tune': '#009e73', 'from scratch': '#d55e00' };

/** Everything the transfer report shows. */
export interface TransferReportInput {
  title: string;
  /** Notes on the data (stand-in or real), one paragraph each; flagged when `synthetic`. */
  sources: string[];
  synthetic: boolean;
  info: Record<string, string | number>;
  base: { history: EpochRecord[]; testAccuracy: number; seconds: number };
  runs: RunResult[];
  target: number;
  folder: { source: string; runs: RunResult[]; target: number } | null;
  timing: Record<string, number>;
}

function accuracyCharts(runs: readonly RunResult[], title: string): string {
  const best = bestByMethod(runs);
  const vsTime = xyChartSvg({
    title: `${title}: test accuracy vs seconds (best lr per method)`, xLabel: 'seconds (training + per-epoch test pass)', yLabel: 'test accuracy',
    series: best.map((r) => ({ name: `${r.method} (lr ${r.learningRate})`, color: COLORS[r.method], points: r.curve.map((p) => [p.seconds, p.accuracy] as const) })),
  });
  const vsEpoch = lineChartSvg({
    title: `${title}: test accuracy by epoch, every run`, xLabel: 'epoch', yLabel: 'test accuracy',
    series: runs.map((r) => ({ name: `${r.method} ${r.learningRate}`, color: COLORS[r.method], dashed: r.learningRate !== best.find((b) => b.method === r.method)?.learningRate, values: r.curve.map((p) => p.accuracy) })),
  });
  return `<figure>${vsTime}</figure><figure>${vsEpoch}</figure>`;
}

/** The self-contained HTML report of a transfer run (tables and inline SVG curves, no scripts). */
export function transferHtml(input: TransferReportInput): string {
  const base = input.base;
  const runsT = runRows(input.runs, input.target);
  const sumT = summaryRows(input.runs, input.target);
  const baseChart = lineChartSvg({
    title: 'Base net on the source task', xLabel: 'epoch', yLabel: 'loss / accuracy',
    series: [{ name: 'train loss', values: base.history.map((e) => e.loss) }, { name: 'train accuracy', values: base.history.map((e) => e.accuracy) }],
  });
  const folder = input.folder;
  const folderT = folder === null ? null : runRows(folder.runs, folder.target);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(input.title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1150px; color: #222; padding: 0 16px; }
table { border-collapse: collapse; margin: 8px 0 20px; } th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th:first-child { text-align: left; } thead th { background: #f4f4f4; }
.warn { background: #fff4e0; border-left: 4px solid #e69f00; padding: 6px 10px; }
figure { display: inline-block; margin: 0 12px 12px 0; vertical-align: top; }
</style></head><body>
<h1>${esc(input.title)}</h1>
${input.sources.map((s) => `<p${input.synthetic ? ' class="warn"' : ''}>${esc(s)}</p>`).join('\n')}
${htmlTable(['', ''], Object.entries(input.info).map(([k, v]) => [k, String(v)]))}
<h2>Base net</h2>
<p>Test accuracy ${pct(base.testAccuracy, 2)} after ${base.history.length} epochs, ${secs(base.seconds)} s of training (not charged to the transfer runs: the pretrained model is given).</p>
<figure>${baseChart}</figure>
<h2>Target task: feature extractor vs fine-tune vs from scratch</h2>
<h3>At each method's best learning rate</h3>
${htmlTable(sumT.head, sumT.rows)}
<h3>Every run</h3>
${htmlTable(runsT.head, runsT.rows)}
<p>Seconds include one pass over the test set per epoch (the same for every method). Fine-tune trains the new head
with the body frozen first, then everything at the lower rate shown after the arrow.</p>
${accuracyCharts(input.runs, 'Target')}
${folder === null ? '' : `<h2>Image-folder variant</h2><p>${esc(folder.source)}</p>
${folderT === null ? '' : htmlTable(folderT.head, folderT.rows)}
${accuracyCharts(folder.runs, 'Folder')}`}
<h2>Timing (seconds)</h2>
${htmlTable(['phase', 'seconds'], Object.entries(input.timing).map(([k, v]) => [k, secs(v)]))}
</body></html>
`;
}
