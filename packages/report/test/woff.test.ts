import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ReportError } from '../src/index';
import { woffToSfnt } from '../src/woff';

const require = createRequire(import.meta.url);

describe('woffToSfnt', () => {
  it('unpacks the bundled DejaVu Sans into a TrueType font with its tables', () => {
    const woff = readFileSync(require.resolve('@fontsource/dejavu-sans/files/dejavu-sans-latin-400-normal.woff'));
    const ttf = woffToSfnt(new Uint8Array(woff), (d) => new Uint8Array(inflateSync(d)));
    const dv = new DataView(ttf.buffer);
    expect(dv.getUint32(0)).toBe(0x00010000);
    const tags = Array.from({ length: dv.getUint16(4) }, (_, i) =>
      String.fromCharCode(...ttf.subarray(12 + 16 * i, 16 + 16 * i)),
    );
    expect(tags).toEqual(expect.arrayContaining(['cmap', 'glyf', 'head', 'hmtx', 'name']));
    // the head table's magic number survives
    const head = tags.indexOf('head');
    const headOffset = dv.getUint32(12 + 16 * head + 8);
    expect(dv.getUint32(headOffset + 12)).toBe(0x5f0f3cf5);
  });

  it('refuses bytes that are not WOFF', () => {
    expect(() => woffToSfnt(new Uint8Array(64), (d) => d, 'x.woff')).toThrow(ReportError);
  });
});
