import { confusionMatrixSvg } from '@dlkit/metrics';
import { lineChartSvg } from '@dlkit/models';
import type { FeaturesSvmResult } from './features-svm';
import { perClassRows } from './summary';
import { escapeHtml, htmlTable, pct, secs } from '@dlkit-examples/common';

const esc = escapeHtml;

/** A horizontal bar chart (SVG) of `values` in [0, 1], one bar per label. */
export function barChartSvg(title: string, bars: ReadonlyArray<{ label: string; value: number; color?: string }>): string {
  const rowH = 26;
  const left = 190;
  const span = 320;
  const w = left + span + 80;
  const h = bars.length * rowH + 44;
  const body = bars
    .map((b, i) => {
      const y = 32 + i * rowH;
      const bw = Math.max(1, Math.min(1, b.value) * span);
      return `<text x="${left - 8}" y="${y + 16}" text-anchor="end" font-size="12">${esc(b.label)}</text>` +
        `<rect x="${left}" y="${y + 4}" width="${bw.toFixed(1)}" height="${rowH - 8}" fill="${b.color ?? '#0072b2'}"/>` +
        `<text x="${(left + bw + 6).toFixed(1)}" y="${y + 16}" font-size="12">${(b.value * 100).toFixed(1)} %</text>`;
    })
    .join('');
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((g) => `<line x1="${left + g * span}" x2="${left + g * span}" y1="28" y2="${h - 12}" stroke="#ddd"/><text x="${left + g * span}" y="${h - 2}" font-size="10" text-anchor="middle">${g * 100}%</text>`)
    .join('');
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${esc(title)}"><rect width="${w}" height="${h}" fill="#fff"/><text x="${w / 2}" y="18" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>${grid}${body}</svg>`;
}

/** Facts about the run shown at the top of the report. */
export interface ReportMeta {
  title: string;
  /** Where the data came from (says "generated stand-in" when it is). */
  source: string;
  synthetic: boolean;
  info: Record<string, string | number>;
  timing: Record<string, number>;
}

/**
 * The HTML report of a features → SVM run: the side-by-side table, an accuracy bar chart, the network's
 * training curves, per-class F1, the confusion matrices of the softmax head and the best SVM, and timings.
 * Self-contained (inline SVG, no scripts).
 */
export function featuresSvmHtml(result: FeaturesSvmResult, meta: ReportMeta): string {
  const methods = result.methods;
  const best = methods.filter((m) => m.classifier !== 'softmax').sort((a, b) => b.accuracy - a.accuracy)[0];
  const soft = methods.find((m) => m.classifier === 'softmax');
  const epochs = result.history;
  const curves = lineChartSvg({
    title: 'Network training', xLabel: 'epoch', yLabel: 'loss / accuracy',
    series: [
      { name: 'train loss', values: epochs.map((e) => e.loss) },
      { name: 'train accuracy', values: epochs.map((e) => e.accuracy) },
    ],
  });
  const bars = barChartSvg(
    'Test accuracy by method',
    methods.map((m) => ({ label: m.method.replace(' (network head)', ''), value: m.accuracy, color: m.classifier === 'softmax' ? '#d55e00' : '#0072b2' })),
  );
  const pc = perClassRows(result);
  const cms = [soft, best]
    .filter((m): m is NonNullable<typeof m> => m !== undefined)
    .map((m) => `<figure>${confusionMatrixSvg(m.confusion, { classNames: [...result.classNames], title: m.method })}</figure>`)
    .join('');
  const notice = meta.synthetic
    ? `<p class="warn">Data: ${esc(meta.source)}. The stand-in's numbers are indicative only; point <code>--root</code> at CIFAR-10 for the real experiment.</p>`
    : `<p>Data: ${esc(meta.source)}.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(meta.title)}</title>
<style>
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1100px; color: #222; padding: 0 16px; }
table { border-collapse: collapse; margin: 8px 0 20px; } th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th:first-child { text-align: left; } thead th { background: #f4f4f4; }
.warn { background: #fff4e0; border-left: 4px solid #e69f00; padding: 6px 10px; }
figure { display: inline-block; margin: 0 12px 12px 0; vertical-align: top; }
pre { background: #f7f7f7; padding: 8px; overflow-x: auto; }
</style></head><body>
<h1>${esc(meta.title)}</h1>
${notice}
${htmlTable(['', ''], Object.entries(meta.info).map(([k, v]) => [k, String(v)]))}
<h2>Softmax head vs SVMs on layer features</h2>
${htmlTable(
  ['method', 'dims', 'test accuracy', 'macro F1', 'train s', 'extract s', 'predict s', 'notes'],
  methods.map((m) => [m.method, String(m.features), pct(m.accuracy, 2), m.macroF1.toFixed(3), secs(m.trainSeconds), m.extractSeconds > 0 ? secs(m.extractSeconds) : '–', secs(m.predictSeconds), m.detail]),
)}
<p>Train seconds: the network's own training for the softmax head; scaling + SVM fit for the others (which also
need the trained network and the feature extraction).</p>
<figure>${bars}</figure><figure>${curves}</figure>
<h2>Per-class F1</h2>
${htmlTable(pc.head, pc.rows)}
<h2>Confusion matrices</h2>
${cms}
<h2>Timing (seconds)</h2>
${htmlTable(['phase', 'seconds'], Object.entries(meta.timing).map(([k, v]) => [k, secs(v)]))}
<h2>Classification reports</h2>
${methods.map((m) => `<h3>${esc(m.method)}</h3><pre>${esc(m.reportText)}</pre>`).join('\n')}
</body></html>
`;
}
