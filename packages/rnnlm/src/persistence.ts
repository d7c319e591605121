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
  const fs = await import('node:fs/promises');
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    throw new RnnlmError('path', (error as Error).message, 'a readable model file written by saveLanguageModel', undefined, {
      file: path,
      cause: error,
    });
  }
  let json: { format?: unknown };
  try {
    json = JSON.parse(text) as { format?: unknown };
  } catch (error) {
    throw new RnnlmError('text', text, 'a model file written by saveLanguageModel (JSON)', 'The file is truncated or corrupt', {
      file: path,
      cause: error,
    });
  }
  try {
    if (json?.format === 'dlkit-rnnlm') return RnnLm.fromJSON(json as SerializedRnnLm);
    if (json?.format === 'dlkit-kneser-ney') return KneserNeyLm.fromJSON(json as SerializedKneserNeyLm);
  } catch (error) {
    if (error instanceof RnnlmError) throw inFile(error, path);
    throw error;
  }
  throw new RnnlmError('format', json?.format, "'dlkit-rnnlm' or 'dlkit-kneser-ney'", undefined, { file: path });
}
