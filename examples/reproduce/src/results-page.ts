import { readFileSync } from 'node:fs';
import { figure, html, htmlPage, keyValueTable, rawHtml, table, type Html } from '@dlkit/report';
import { claimsCharts } from './claims-chart';
import { peerCurves } from './claims-curves';
import { duration } from './plan';
import type { ClaimOutcome, ExperimentOutcome, ReproductionResults } from './results';

/** A figure as the page shows it: accuracies in %, perplexities with one decimal, fractions with 4 digits. */
export function formatFigure(value: number | null, unit: ClaimOutcome['unit']): string {
  if (value === null) return '—';
  if (unit === 'accuracy') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'perplexity') return value.toFixed(1);
  return value.toFixed(4);
}

function verdict(met: boolean | null): string {
  return met === null ? '—' : met ? 'met' : 'not met';
}

function picture(file: string): Html | null {
  try {
    return figure(readFileSync(file, 'utf8'), file.split('/').at(-1));
  } catch {
    return html`<p class="muted">picture not found: ${file}</p>`;
  }
}

function experimentSection(x: ExperimentOutcome): { title: string; content: Html } {
  const facts: [string, string][] = [
    ['status', x.status + (x.reused ? ' (result of an earlier run, reused)' : '')],
    ['example', `examples/${x.example}`],
    ['data', x.data.join('; ')],
  ];
  if (x.command) facts.push(['command', x.command]);
  const expected = `${duration(x.expectedSeconds)} at full size`;
  if (x.seconds !== undefined) facts.push(['wall time', `${duration(x.seconds)} (expected ${expected})`]);
  else facts.push(['expected time', expected]);
  if (x.engine) facts.push(['engine', x.engine]);
  if (x.node) facts.push(['Node.js, host', `${x.node}, ${x.host ?? ''}`]);
  if (x.json) facts.push(['JSON', x.json]);
  if (x.log) facts.push(['log', x.log]);
  if (x.note) facts.push(['note', x.note]);
  const figures = x.figures
    ? table({
        head: ['figure', 'value'],
        rows: Object.entries(x.figures).map(([k, v]) => [k, Number.isInteger(v) ? String(v) : v.toFixed(4)]),
      })
    : null;
  const problem =
    x.status === 'failed'
      ? html`<pre>${x.error ?? ''}</pre>`
      : x.status === 'skipped'
        ? html`<p class="warn">Skipped: ${(x.missing ?? []).join('; ')}</p>`
        : null;
  const pictures = (x.pictures ?? []).map(picture);
  return {
    title: `${x.id}: ${x.title}`,
    content: html`${problem}${keyValueTable(facts)}${figures}${pictures.length ? html`<div class="charts">${pictures}</div>` : null}`,
  };
}

/**
 * The reproduction's one results page: per seed claim the seed's figure, dlkit's, PyTorch's on the same data,
 * met / not met and the wall time; then every experiment with its command, data, engine, Node version, figures,
 * pictures, and the error of those that failed. Self-contained HTML (@dlkit/report's page and tables).
 */
export function resultsPageHtml(results: ReproductionResults): string {
  const failed = results.experiments.filter((x) => x.status === 'failed');
  const skipped = results.experiments.filter((x) => x.status === 'skipped');
  const warnings: Html[] = [];
  if (results.quick) {
    warnings.push(
      html`--quick: every experiment at its smallest size on generated stand-in data. The figures check the set-up; they say nothing about the claims.`,
    );
  }
  if (failed.length)
    warnings.push(html`${failed.length} experiment(s) failed: ${failed.map((x) => x.id).join(', ')} (errors below).`);
  if (skipped.length)
    warnings.push(html`${skipped.length} experiment(s) skipped for missing data: ${skipped.map((x) => x.id).join(', ')}.`);
  const claims = table({
    head: ['experiment', 'claim', 'seed', 'dlkit', 'PyTorch (same data)', 'verdict', 'wall time', 'source'],
    rows: results.claims.map((c) => [
      c.experiment,
      c.what,
      formatFigure(c.seed, c.unit),
      formatFigure(c.dlkit, c.unit),
      formatFigure(c.pytorch, c.unit),
      verdict(c.met),
      c.seconds === null ? '—' : duration(c.seconds),
      c.source,
    ]),
    rowClass: (i) => (results.claims[i].met === true ? 'best' : undefined),
    textColumns: [1, 5, 7],
  });
  const sweep = results.sweep;
  return htmlPage({
    title: results.quick ? 'dlkit reproduction (--quick set-up check)' : 'dlkit reproduction: the seed claims on real data',
    subtitle: `generated ${results.generated} on ${results.environment.host}, Node.js ${results.environment.node} (${results.environment.platform})`,
    warnings,
    intro: keyValueTable([
      ['data', results.quick ? 'generated stand-ins' : (results.data.data ?? '(none given)')],
      ['CIFAR-10', results.data.cifar10 ?? 'not found'],
      ['Penn Treebank', results.data.ptb ?? 'not found'],
      ['Fashion-MNIST', results.data.fashion],
      [
        'sweep',
        sweep
          ? `${sweep.mode}${sweep.workers === null ? '' : `, ${sweep.workers} worker(s)`}: ${sweep.ran} run now, ${sweep.reused} reused, ${sweep.failed} failed, ${duration(sweep.seconds)}`
          : 'not run',
      ],
    ]),
    sections: [
      {
        title: 'The seed claims',
        content: html`${claims}<div class="charts">${[...claimsCharts(results.claims), ...peerCurves(results.claims, results.experiments)].map((svg) => figure(svg))}</div><p class="muted">“met”: dlkit's figure is at least as good as the seed's (KN5: within 1 %, as issue 20 asks). The PyTorch column is the same network and recipe on the same files (${rawHtml('<code>examples/cifar-cnn/pytorch/cifar_tf_net.py</code>')}).</p>`,
      },
      ...results.experiments.map(experimentSection),
    ],
  });
}
