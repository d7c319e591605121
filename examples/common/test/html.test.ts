import { describe, expect, it } from 'vitest';
import { escapeHtml, htmlTable } from '../src/html';

describe('escapeHtml and htmlTable', () => {
  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('writes a header row and rows headed by their first cell, escaped', () => {
    expect(htmlTable(['method', 'acc'], [['a<b', '1 %']])).toBe(
      '<table><thead><tr><th>method</th><th>acc</th></tr></thead><tbody><tr><th>a&lt;b</th><td>1 %</td></tr></tbody></table>',
    );
  });
});
