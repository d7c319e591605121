import { ReportError } from './errors';

/**
 * Unpacks a WOFF 1.0 font into the TrueType/OpenType bytes it wraps (each table inflated with `inflate`,
 * zlib's): the npm font packages ship WOFF, the SVG renderer reads TTF/OTF. @internal
 */
export function woffToSfnt(woff: Uint8Array, inflate: (data: Uint8Array) => Uint8Array, file = 'font'): Uint8Array {
  const dv = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.length < 44 || dv.getUint32(0) !== 0x774f4646)
    throw new ReportError('RENDER_FAILED', file, `${woff.length} bytes`, "a WOFF 1.0 font (signature 'wOFF')");
  const flavor = dv.getUint32(4);
  const numTables = dv.getUint16(12);
  const totalSfntSize = dv.getUint32(16);
  const out = new Uint8Array(totalSfntSize);
  const o = new DataView(out.buffer);
  o.setUint32(0, flavor);
  o.setUint16(4, numTables);
  let pow = 1;
  let log = 0;
  while (pow * 2 <= numTables) {
    pow *= 2;
    log++;
  }
  o.setUint16(6, pow * 16);
  o.setUint16(8, log);
  o.setUint16(10, numTables * 16 - pow * 16);
  let offset = 12 + 16 * numTables;
  for (let i = 0; i < numTables; i++) {
    const b = 44 + i * 20;
    const tag = dv.getUint32(b);
    const at = dv.getUint32(b + 4);
    const compLength = dv.getUint32(b + 8);
    const origLength = dv.getUint32(b + 12);
    const checksum = dv.getUint32(b + 16);
    const src = woff.subarray(at, at + compLength);
    const data = compLength < origLength ? inflate(src) : src;
    if (data.length !== origLength || offset + origLength > out.length)
      throw new ReportError(
        'RENDER_FAILED',
        file,
        `table ${i} of ${data.length} bytes`,
        `${origLength} bytes (a damaged font file)`,
      );
    out.set(data, offset);
    const d = 12 + i * 16;
    o.setUint32(d, tag);
    o.setUint32(d + 4, checksum);
    o.setUint32(d + 8, offset);
    o.setUint32(d + 12, origLength);
    offset += (origLength + 3) & ~3;
  }
  return out;
}
