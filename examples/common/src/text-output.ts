import { resolve } from 'node:path';
import { writeFileAtomic } from '@dlkit/models';

/** Writes text (HTML, SVG, CSV) to `file` atomically (models' `writeFileAtomic`). Returns the absolute path. */
export async function writeFileAtomicText(file: string, text: string): Promise<string> {
  const path = resolve(file);
  await writeFileAtomic(path, text);
  return path;
}
