// gunzip with the standard DecompressionStream (browsers, Node >= 18, Deno, workers): no zlib import.
import { DatasetError } from './errors';

/**
 * Decompresses gzip bytes with the platform's `DecompressionStream('gzip')`.
 *
 * @param file - Name or URL used in error messages.
 * @throws {DatasetError} `TRUNCATED` when the stream ends early; `BAD_FORMAT` when it is corrupt (or has
 *   trailing garbage); `BAD_ARGUMENT` when the platform has no `DecompressionStream`.
 * @example
 * ```ts
 * const raw = await gunzip(new Uint8Array(await (await fetch('t10k-labels-idx1-ubyte.gz')).arrayBuffer()));
 * parseIdx(raw).shape; // [10000]
 * ```
 */
export async function gunzip(bytes: Uint8Array, file = '<bytes>'): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') {
    throw new DatasetError('This platform has no DecompressionStream', {
      code: 'BAD_ARGUMENT',
      file,
      field: 'globalThis.DecompressionStream',
      received: 'undefined',
      expected: 'a browser or Node >= 18',
      hint: 'serve the files uncompressed, or gunzip them before parsing',
    });
  }
  const input = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(bytes as Uint8Array<ArrayBuffer>);
      controller.close();
    },
  });
  const reader = input.pipeThrough(new DecompressionStream('gzip')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const code = (cause as { code?: unknown }).code;
    // Node says Z_BUF_ERROR "unexpected end of file"; Chromium "…input was truncated" / "unexpected end".
    const truncated = code === 'Z_BUF_ERROR' || /truncat|unexpected end|end of (file|stream|input)/i.test(message);
    throw new DatasetError(truncated ? 'gzip stream truncated' : 'gzip stream corrupt', {
      code: truncated ? 'TRUNCATED' : 'BAD_FORMAT',
      file,
      field: 'gzip',
      received: message,
      expected: 'a complete gzip stream',
      hint: 'fetch the file again; check the server sends it whole',
      cause,
    });
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
