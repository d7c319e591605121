import { check, ReportError } from './errors';
import { escapeXml } from './escape';

/**
 * Markup that is safe to insert as it is: made only by this module's builders ({@link html}, {@link table},
 * {@link figure}, …) or, for markup you trust, {@link rawHtml}. Everything else put into a page is text
 * and is escaped, so a class name like `<script>` shows as text and never runs.
 */
export class Html {
  readonly #markup: string;
  /** @internal Use {@link html} or {@link rawHtml}. */
  constructor(markup: string, key: symbol) {
    if (key !== KEY)
      throw new ReportError(
        'BAD_ARGUMENT',
        'Html',
        'new Html(...)',
        'html`…` or rawHtml(…)',
        'Html values come from the builders, so escaping cannot be skipped by accident',
      );
    this.#markup = markup;
  }
  /** The markup. */
  toString(): string {
    return this.#markup;
  }
}
const KEY = Symbol('dlkit-report-html');

/** What can go into a page: markup, text (escaped), numbers, nothing (`null`, `undefined`, `false`), or a list of these. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(v: HtmlValue): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.toString();
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeXml(String(v));
}

/**
 * A tagged template for HTML: the literal parts are markup, every interpolated value is escaped text unless
 * it is {@link Html} (arrays are joined; `null`, `undefined` and `false` disappear).
 *
 * @example
 * ```ts
 * const name = '<b>bees</b>';
 * html`<p>Class ${name}: ${0.93}</p>`.toString(); // '<p>Class &lt;b&gt;bees&lt;/b&gt;: 0.93</p>'
 * ```
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Html(out, KEY);
}

/**
 * Marks markup you trust (made by your own code, never from data) as {@link Html}.
 *
 * @example
 * ```ts
 * rawHtml('<code>--root DIR</code>');
 * ```
 */
export function rawHtml(markup: string): Html {
  check(typeof markup === 'string', 'markup', markup, 'a string of HTML');
  return new Html(markup, KEY);
}

/**
 * An SVG picture (from this package's charts) in a `<figure>`, with an optional caption (text). The XML
 * declaration is dropped, as it may not appear inside HTML.
 *
 * @example
 * ```ts
 * figure(lineChart({ title: 'Loss', series }), 'Training loss per epoch');
 * ```
 * @throws {ReportError} `BAD_ARGUMENT` when `svg` is not an `<svg>` element.
 */
export function figure(svg: string, caption?: HtmlValue): Html {
  check(typeof svg === 'string', 'svg', svg, 'an SVG string');
  const body = svg.replace(/^\s*<\?xml[^>]*\?>\s*/, '').trim();
  check(
    body.startsWith('<svg') && body.endsWith('</svg>'),
    'svg',
    svg,
    'one <svg>…</svg> element',
    'pass the string a chart function returned',
  );
  return html`<figure>${rawHtml(body)}${caption === undefined ? null : html`<figcaption>${caption}</figcaption>`}</figure>`;
}

/** Options of {@link table}. */
export interface TableOptions {
  /** Header cells. Default none. */
  head?: readonly HtmlValue[];
  /** Rows of cells (text is escaped; {@link Html} is kept). */
  rows: ReadonlyArray<readonly HtmlValue[]>;
  /** Right-align (tabular numbers) every column but the first. Default true. */
  numeric?: boolean;
  /** Columns (0-based) of text in a numeric table, aligned left. */
  textColumns?: readonly number[];
  /** A class per row (`'best'` shades it, `'base'` makes it bold), or `undefined`. */
  rowClass?: (index: number) => string | undefined;
  /** Extra class of the table. */
  className?: string;
}

/**
 * An HTML table; the first cell of each row is its header.
 *
 * @example
 * ```ts
 * table({ head: ['method', 'accuracy'], rows: [['softmax', '91.2 %'], ['SVM fc1', '93.0 %']], rowClass: (i) => (i === 1 ? 'best' : undefined) });
 * ```
 */
export function table(options: TableOptions): Html {
  check(
    typeof options === 'object' && options !== null && Array.isArray(options.rows),
    'options.rows',
    options?.rows,
    'an array of rows (arrays of cells)',
  );
  const cls = [options.numeric === false ? 'text' : 'grid', options.className].filter(Boolean).join(' ');
  const textCols = new Set(options.textColumns ?? []);
  const head = options.head ? html`<thead><tr>${options.head.map((h) => html`<th>${h}</th>`)}</tr></thead>` : null;
  const rows = options.rows.map((r, i) => {
    check(Array.isArray(r), `options.rows[${i}]`, r, 'an array of cells');
    const c = options.rowClass?.(i);
    return html`<tr${c ? rawHtml(` class="${escapeXml(c)}"`) : null}>${r.map((cell, j) => (j === 0 ? html`<th>${cell}</th>` : textCols.has(j) ? html`<td class="l">${cell}</td>` : html`<td>${cell}</td>`))}</tr>`;
  });
  return html`<table class="${rawHtml(escapeXml(cls))}">${head}<tbody>${rows}</tbody></table>`;
}

/**
 * A two-column table of facts (`key: value`), e.g. the run's settings.
 *
 * @example
 * ```ts
 * keyValueTable({ engine: 'wasm', epochs: 10, 'test accuracy': '98.9 %' });
 * ```
 */
export function keyValueTable(facts: Readonly<Record<string, HtmlValue>> | ReadonlyArray<readonly [string, HtmlValue]>): Html {
  check(typeof facts === 'object' && facts !== null, 'facts', facts, 'a record or an array of [key, value] pairs');
  const entries = Array.isArray(facts) ? (facts as ReadonlyArray<readonly [string, HtmlValue]>) : Object.entries(facts);
  return html`<table class="kv"><tbody>${entries.map(([k, v]) => html`<tr><th>${k}</th><td>${v}</td></tr>`)}</tbody></table>`;
}

/** One section of an {@link htmlPage}. */
export interface ReportSection {
  /** Heading (text). */
  title: string;
  /** Anchor id. Default: made from the title. */
  id?: string;
  /** The section's content: charts via {@link figure}, tables, paragraphs via {@link html}, or plain text. */
  content: HtmlValue;
}

/** What goes into an {@link htmlPage}. */
export interface HtmlPageOptions {
  /** Page title and top heading. */
  title: string;
  /** A line under the heading in small grey print (e.g. when and by what it was generated). */
  subtitle?: HtmlValue;
  /** Notices shown above the sections in a warning box (e.g. "numbers from a generated stand-in"). */
  warnings?: readonly HtmlValue[];
  /** Content before the first section (intro paragraphs, a table of facts). */
  intro?: HtmlValue;
  sections: readonly ReportSection[];
  /** Extra CSS appended to {@link REPORT_CSS} (your own code, not data). */
  css?: string;
}

/**
 * The stylesheet of every dlkit report: system font, readable width, charts in a wrapping row, tables with
 * right-aligned tabular numbers, shaded `tr.best`, bold `tr.base`, `.warn` boxes, `.muted` notes.
 */
export const REPORT_CSS = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:1180px;color:#222;padding:0 16px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}h3{font-size:15px}
.charts{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}figure{display:inline-block;margin:0 12px 12px 0;vertical-align:top}
figure svg{border:1px solid #ddd}svg{max-width:100%;height:auto}figcaption{font-size:12px;color:#555}
table{border-collapse:collapse;font-size:13px;margin:8px 0 16px}th,td{padding:3px 10px;text-align:left;border-bottom:1px solid #eee;vertical-align:top}
thead th{background:#f4f4f4}tbody th{font-weight:normal}table.grid td{text-align:right;font-variant-numeric:tabular-nums}table.grid td.l{text-align:left}
table.kv th{font-weight:normal;color:#555}tr.best td,tr.best th{background:#fff4e5}tr.base td,tr.base th{font-weight:600}
pre{background:#f7f7f7;padding:10px;overflow:auto;font-size:12px}.muted{color:#777;font-size:12px}
.warn{background:#fff4e5;border-left:4px solid #e69f00;padding:6px 10px}.bar{height:12px;background:#0072b2}`;

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

/**
 * A complete, self-contained HTML report page (no scripts, no fetched assets: it opens offline): title,
 * subtitle, warnings, intro and sections, with {@link REPORT_CSS}. Text is escaped everywhere; only
 * {@link Html} values are inserted as markup.
 *
 * @example
 * ```ts
 * const page = htmlPage({
 *   title: 'MNIST ConvNet', subtitle: `Generated ${new Date().toISOString()}`,
 *   sections: [{ title: 'Training curves', content: html`<div class="charts">${figure(lossSvg)}${figure(accSvg)}</div>` }],
 * });
 * ```
 * @throws {ReportError} `BAD_ARGUMENT` for a missing title or sections, or two sections with one id.
 */
export function htmlPage(options: HtmlPageOptions): string {
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { title, sections }');
  check(typeof options.title === 'string', 'options.title', options.title, 'a string');
  check(Array.isArray(options.sections), 'options.sections', options.sections, 'an array of { title, content }');
  const ids = new Set<string>();
  const sections = options.sections.map((s, i) => {
    check(
      typeof s === 'object' && s !== null && typeof s.title === 'string',
      `options.sections[${i}].title`,
      s?.title,
      'a string',
    );
    let id = s.id ?? slug(s.title);
    if (s.id === undefined) for (let k = 2; ids.has(id); k++) id = `${slug(s.title)}-${k}`;
    check(!ids.has(id), `options.sections[${i}].id`, id, 'an id no other section has');
    ids.add(id);
    return html`<section id="${id}"><h2>${s.title}</h2>\n${s.content}</section>`;
  });
  const css = REPORT_CSS + (options.css ? `\n${options.css.replace(/<\/style/gi, '<\\/style')}` : '');
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<style>
${rawHtml(css)}
</style></head>
<body>
<h1>${options.title}</h1>
${options.subtitle === undefined ? null : html`<p class="muted">${options.subtitle}</p>\n`}${(options.warnings ?? []).map((w) => html`<p class="warn">${w}</p>\n`)}${options.intro ?? null}
${sections.map((s) => html`${s}\n`)}</body></html>
`;
  return page.toString();
}
