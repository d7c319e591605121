import { deflateSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { markupProblems, readPng } from '../src/well-formed';

/** A valid 2×1 RGB PNG built by hand: signature, IHDR, IDAT, IEND with their CRCs. */
function png(width = 2, height = 1): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.alloc(height * (1 + width * 3), 7);
  for (let r = 0; r < height; r++) rows[r * (1 + width * 3)] = 0; // filter byte
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('markupProblems', () => {
  it('finds nothing wrong in well-formed SVG, and HTML with a doctype, void and raw-text elements', () => {
    expect(markupProblems('<svg xmlns="http://www.w3.org/2000/svg"><g><circle r="1"/></g><text>a &amp; b</text></svg>')).toEqual(
      [],
    );
    expect(
      markupProblems('<!doctype html><html><head><meta charset="utf-8"><style>a < b {}</style></head><body><br></body></html>', {
        html: true,
      }),
    ).toEqual([]);
  });

  it('names unbalanced or mis-nested tags, a stray "<" and a bare "&"', () => {
    expect(markupProblems('<svg><g></svg>').length).toBeGreaterThan(0);
    expect(markupProblems('<a><b></a></b>').length).toBeGreaterThan(0);
    expect(markupProblems('<svg>1 < 2</svg>').length).toBeGreaterThan(0);
    expect(markupProblems('<svg>R&D</svg>').length).toBeGreaterThan(0);
    // <br> is only void in HTML.
    expect(markupProblems('<svg><br></svg>').length).toBeGreaterThan(0);
  });
});

describe('readPng', () => {
  it('reads the size and chunks of a valid PNG', () => {
    expect(readPng(png(2, 1))).toEqual({ width: 2, height: 1, bitDepth: 8, colourType: 2, chunks: ['IHDR', 'IDAT', 'IEND'] });
  });

  it('refuses a damaged PNG: a bad CRC, a cut-off file, bytes after IEND, pixel data of the wrong size', () => {
    const bad = png();
    bad[20] ^= 0xff; // inside IHDR: its CRC no longer matches
    expect(() => readPng(bad)).toThrow(/bad CRC in chunk IHDR/);
    expect(() => readPng(png().subarray(0, 40))).toThrow();
    expect(() => readPng(Buffer.concat([png(), Buffer.from([0])]))).toThrow(/after IEND/);
    const wrongSize = png(2, 1);
    wrongSize.writeUInt32BE(3, 16); // IHDR says 3 wide: the CRC check fires first, as a decoder's would
    expect(() => readPng(wrongSize)).toThrow();
    expect(() => readPng(Buffer.from('not a png at all'))).toThrow(/signature/);
  });
});
