/**
 * A ustar archive of regular files, the format `loadCifar10` and Python's `tarfile` read: a 512-byte header
 * per file (name ≤ 100 bytes, octal size, checksum), the data padded to 512 bytes, two zero blocks at the end.
 */
export function tarArchive(files: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  for (const [name, data] of files) {
    blocks.push(tarHeader(name, data.length), data, new Uint8Array((512 - (data.length % 512)) % 512));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

function tarHeader(name: string, size: number): Uint8Array {
  const bytes = new TextEncoder().encode(name);
  if (bytes.length > 100) throw new RangeError(`tar: file name longer than 100 bytes: ${name}`);
  const h = new Uint8Array(512);
  const put = (text: string, at: number) => h.set(new TextEncoder().encode(text), at);
  h.set(bytes, 0);
  put('0000644\0', 100); // mode
  put('0000000\0', 108); // uid
  put('0000000\0', 116); // gid
  put(`${size.toString(8).padStart(11, '0')}\0`, 124);
  put('00000000000\0', 136); // mtime: fixed, so the archive is reproducible
  put('        ', 148); // checksum field counts as spaces while summing
  put('0', 156); // regular file
  put('ustar\x0000', 257);
  const sum = h.reduce((a, b) => a + b, 0);
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}
