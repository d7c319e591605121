import { writeFileAtomicText } from './text-output';

/**
 * Writes `data` as indented JSON to `file` through a temporary file and a rename, so a crash never leaves
 * half a file behind. Typed arrays are written as plain arrays. Returns the absolute path.
 */
export async function writeJson(file: string, data: unknown): Promise<string> {
  const text = JSON.stringify(
    data,
    (_k, v: unknown) => (ArrayBuffer.isView(v) && !(v instanceof DataView) ? Array.from(v as unknown as ArrayLike<number>) : v),
    2,
  );
  return writeFileAtomicText(file, `${text}\n`);
}
