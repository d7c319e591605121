import { RnnlmError, inFile } from './errors';
import { KneserNeyLm, type SerializedKneserNeyLm } from './kneser-ney';
import { RnnLm, type SerializedRnnLm } from './rnn-lm';

/**
 * Saves a model as JSON (typed arrays as base64) with an atomic write (`writeFileAtomic` of
 * `@dlkit/core/node`: temporary file, fsync, rename, fsync of the folder), so a process killed while saving
 * leaves the previous file whole. Node.js only.
 *
 * @example
 * ```ts
 * await saveLanguageModel('rnn.json', lm);
 * const back = await loadLanguageModel('rnn.json'); // RnnLm
 * ```
 */
export async function saveLanguageModel(path: string, model: RnnLm | KneserNeyLm): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) throw new RnnlmError('path', path, 'a file path');
  if (!(model instanceof RnnLm) && !(model instanceof KneserNeyLm)) {
    throw new RnnlmError('model', model, 'an RnnLm or a KneserNeyLm');
  }
  const text = JSON.stringify(model.toJSON());
  const { writeFileAtomic } = await import('@dlkit/core/node');
  await writeFileAtomic(path, text);
}

/**
 * Loads a model written by {@link saveLanguageModel}; the file's `format` field says which kind. Every field
 * is checked (counts, ranges, finite weights): a missing, truncated or corrupt file gives an
 * {@link RnnlmError} whose message starts with the file and the field.
 *
 * @example
 * ```ts
 * const model = await loadLanguageModel('kn5.json');
 * if (model instanceof KneserNeyLm) console.log(model.order);
 * ```
 */
export async function loadLanguageModel(path: string): Promise<RnnLm | KneserNeyLm> {
  if (typeof path !== 'string' || path.length === 0) throw new RnnlmError('path', path, 'a file path');
  const json = (await readJsonFile(path, 'model file', 'saveLanguageModel')) as { format?: unknown };
  try {
    if (json?.format === 'dlkit-rnnlm') return RnnLm.fromJSON(json as SerializedRnnLm);
    if (json?.format === 'dlkit-kneser-ney') return KneserNeyLm.fromJSON(json as SerializedKneserNeyLm);
  } catch (error) {
    if (error instanceof RnnlmError) throw inFile(error, path);
    throw error;
  }
  throw new RnnlmError('format', json?.format, "'dlkit-rnnlm' or 'dlkit-kneser-ney'", undefined, { file: path });
}

/**
 * @internal Reads and parses the JSON `what` (e.g. "model file") that `writer` wrote; `undefined` (which no JSON
 * text parses to) when the file does not exist and `optional`. An unreadable or unparsable file is an
 * {@link RnnlmError} naming it.
 */
export async function readJsonFile(path: string, what: string, writer: string, optional = false): Promise<unknown> {
  const fs = await import('node:fs/promises');
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if (optional && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new RnnlmError('path', (error as Error).message, `a readable ${what} written by ${writer}`, undefined, {
      file: path,
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RnnlmError('text', text, `a ${what} written by ${writer} (JSON)`, 'The file is truncated or corrupt', {
      file: path,
      cause: error,
    });
  }
}
