import { describe, expect, it } from 'vitest';
import { escapeXml } from '../src/index';
import { parseSvg } from './support/xml';

describe('escapeXml', () => {
  it('turns the five markup characters into entities', () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });

  it('leaves ordinary text, accents and symbols alone', () => {
    expect(escapeXml('Ankle boot — 93.1 % ± 0.4 → Δ η')).toBe('Ankle boot — 93.1 % ± 0.4 → Δ η');
  });

  it('replaces characters XML forbids, so the result always parses', () => {
    const hostile = 'a\u0000b\u0007c\u001fd\ud800e\udc00f';
    const out = escapeXml(hostile);
    expect(out).toBe('a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf');
    // (the parser warns that U+FFFD may mean an encoding problem; that is a warning, not an error)
    expect(() =>
      parseSvg(`<svg xmlns="http://www.w3.org/2000/svg"><text title="${out}">${out}</text></svg>`, { allowWarnings: true }),
    ).not.toThrow();
    // XML 1.0 Char production: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
    expect(/^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u.test(out)).toBe(true);
    expect(/^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u.test(hostile)).toBe(false);
    // Tabs, newlines and surrogate pairs (emoji) are allowed and stay.
    expect(escapeXml('a\tb\nc 😀')).toBe('a\tb\nc 😀');
  });
});
