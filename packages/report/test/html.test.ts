import { describe, expect, it } from 'vitest';
import { figure, html, Html, htmlPage, keyValueTable, lineChart, rawHtml, REPORT_CSS, ReportError, table } from '../src/index';

const hostile = `<script>alert("x")</script> & 'quotes'`;
const escaped = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;';

describe('html', () => {
  it('escapes interpolated text and keeps Html values', () => {
    expect(html`<p>${hostile}</p>`.toString()).toBe(`<p>${escaped}</p>`);
    expect(html`<p>${html`<b>${'a<b'}</b>`}</p>`.toString()).toBe('<p><b>a&lt;b</b></p>');
    expect(html`<p>${[1, ' ', 'x', null, undefined, false]}</p>`.toString()).toBe('<p>1 x</p>');
  });

  it('cannot be forged with new Html', () => {
    expect(() => new Html('<script></script>', Symbol('x'))).toThrow(ReportError);
  });

  it('keeps markup marked as trusted', () => {
    expect(html`${rawHtml('<code>--root</code>')}`.toString()).toBe('<code>--root</code>');
  });
});

describe('table and keyValueTable', () => {
  it('escape every cell, mark rows and put the first cell in a th', () => {
    const t = table({
      head: ['method', 'accuracy'],
      rows: [
        [hostile, '91.2 %'],
        ['svm', html`<b>93.0 %</b>`],
      ],
      rowClass: (i) => (i === 1 ? 'best' : undefined),
    }).toString();
    expect(t).toBe(
      `<table class="grid"><thead><tr><th>method</th><th>accuracy</th></tr></thead><tbody><tr><th>${escaped}</th><td>91.2 %</td></tr><tr class="best"><th>svm</th><td><b>93.0 %</b></td></tr></tbody></table>`,
    );
    expect(table({ rows: [['a', '1', 'text']], textColumns: [2] }).toString()).toBe(
      '<table class="grid"><tbody><tr><th>a</th><td>1</td><td class="l">text</td></tr></tbody></table>',
    );
    expect(keyValueTable({ engine: 'wasm', [hostile]: 3 }).toString()).toBe(
      `<table class="kv"><tbody><tr><th>engine</th><td>wasm</td></tr><tr><th>${escaped}</th><td>3</td></tr></tbody></table>`,
    );
  });
});

describe('figure', () => {
  it('embeds an SVG without its XML declaration, with an escaped caption', () => {
    const svg = lineChart({ title: 't', series: [{ name: 'a', y: [1, 2] }] });
    const f = figure(`<?xml version="1.0" encoding="UTF-8"?>\n${svg}`, hostile).toString();
    expect(f).toBe(`<figure>${svg}<figcaption>${escaped}</figcaption></figure>`);
  });

  it('refuses what is not one SVG element', () => {
    expect(() => figure('<img src=x onerror=alert(1)>')).toThrow(ReportError);
    expect(() => figure('<svg></svg><script></script>')).toThrow(/one <svg>/);
  });
});

describe('htmlPage', () => {
  it('is a complete page with one stylesheet, escaped title and sections with ids', () => {
    const page = htmlPage({
      title: hostile,
      subtitle: 'Generated today',
      warnings: ['stand-in data'],
      intro: keyValueTable({ seed: 1 }),
      sections: [
        {
          title: 'Training curves',
          content: html`<div class="charts">${figure(lineChart({ title: 'Loss', series: [{ name: 'train', y: [1, 0.5] }] }))}</div>`,
        },
        { title: 'Training curves', content: 'plain <text>' },
      ],
      css: 'tr.x td{color:red}</style><script>',
    });
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(page).toContain(`<title>${escaped}</title>`);
    expect(page).toContain(`<h1>${escaped}</h1>`);
    // the only '<script>' is the neutralised one inside the stylesheet: nothing closes the style element early
    expect(page.match(/<script>/g)).toHaveLength(1);
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page.match(/<\/style>/g)).toHaveLength(1);
    expect(page.indexOf('<script>')).toBeLessThan(page.indexOf('</style>'));
    expect(page).toContain(REPORT_CSS);
    expect(page).toContain('<p class="warn">stand-in data</p>');
    expect(page).toContain('<section id="training-curves"><h2>Training curves</h2>');
    expect(page).toContain('<section id="training-curves-2"><h2>Training curves</h2>\nplain &lt;text&gt;</section>');
    expect(page).toContain('<svg class="chart line-chart"');
    expect(page.trimEnd().endsWith('</body></html>')).toBe(true);
  });

  it('refuses two sections with one explicit id', () => {
    expect(() =>
      htmlPage({
        title: 't',
        sections: [
          { title: 'a', id: 'x', content: '' },
          { title: 'b', id: 'x', content: '' },
        ],
      }),
    ).toThrow(/no other section/);
  });
});
