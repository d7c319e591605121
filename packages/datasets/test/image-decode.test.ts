import { describe, expect, it } from 'vitest';
import { decodeImage } from '../src/image-decode';
import { catchSync } from './helpers';
import { jpegBytes, pngBytes } from './image-helpers';

describe('decodeImage', () => {
  it('decodes PNG exactly and JPEG approximately, by signature', () => {
    const png = decodeImage(pngBytes(8, 4), 'a.png');
    expect([png.width, png.height]).toEqual([8, 4]);
    expect(Array.from(png.data.subarray(0, 4))).toEqual([250, 10, 10, 255]);
    const jpg = decodeImage(jpegBytes(16, 16), 'b.jpg');
    expect([jpg.width, jpg.height]).toEqual([16, 16]);
    expect(jpg.data[0]).toBeGreaterThan(200); // red, within JPEG loss
    expect(jpg.data[(16 * 8 + 15) * 4 + 2]).toBeGreaterThan(200); // blue on the right
  });

  it('names the file for unknown signatures and corrupt data', () => {
    const e = catchSync(() => decodeImage(new Uint8Array([1, 2, 3, 4, 5]), 'x.jpg'));
    expect(e.code).toBe('UNDECODABLE');
    expect(e.file).toBe('x.jpg');
    expect(e.received).toBe('01 02 03 04');
    const png = pngBytes(8, 8).slice(0, 60);
    const e2 = catchSync(() => decodeImage(png, 'cut.png'));
    expect(e2.code).toBe('UNDECODABLE');
    expect(e2.field).toBe('png');
    const jpg = jpegBytes(16, 16);
    const broken = new Uint8Array([...jpg.subarray(0, 3), ...new Uint8Array(200).fill(0x11)]);
    expect(catchSync(() => decodeImage(broken, 'bad.jpg')).file).toBe('bad.jpg');
  });
});
