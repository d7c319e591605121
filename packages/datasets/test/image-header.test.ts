import { describe, expect, it } from 'vitest';
import { imageDimensions } from '../src/image-header';
import { jpegBytes, jpegHeaderOnly, pngBytes, pngHeaderOnly } from './image-helpers';

describe('imageDimensions', () => {
  it('reads the size a PNG or JPEG header declares, without decoding', () => {
    expect(imageDimensions(pngBytes(20, 7))).toEqual({ width: 20, height: 7 });
    expect(imageDimensions(jpegBytes(33, 17))).toEqual({ width: 33, height: 17 });
    expect(imageDimensions(pngHeaderOnly(70_000, 3))).toEqual({ width: 70_000, height: 3 });
    expect(imageDimensions(jpegHeaderOnly(65_535, 2))).toEqual({ width: 65_535, height: 2 });
  });

  it('gives undefined for bytes it cannot read, leaving the verdict to the decoder', () => {
    expect(imageDimensions(new Uint8Array([1, 2, 3]))).toBeUndefined();
    expect(imageDimensions(jpegBytes(8, 8).subarray(0, 10))).toBeUndefined();
    expect(imageDimensions(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]))).toBeUndefined();
    expect(imageDimensions(Uint8Array.from([0xff, 0xd8, 0x12, 0x34, 0, 0]))).toBeUndefined();
  });
});
