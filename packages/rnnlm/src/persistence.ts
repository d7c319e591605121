import { RnnlmError } from './errors';
import { KneserNeyLm, type SerializedKneserNeyLm } from './kneser-ney';
import { RnnLm, type SerializedRnnLm } from './rnn-lm';

/**
 * Saves a model as JSON (typed arrays as base64) with an atomic write: the file is written
 * next to its destination and renamed over it, so a crash never leaves half a model. Node.js only.
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
  const fs = await import('node:fs/promises');
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(tmp, JSON.stringify(model.toJSON()));
    await fs.rename(tmp, path);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/**
 * Loads a model written by {@link saveLanguageModel}; the file's `format` field says which kind.
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
  const text = await fs.readFile(path, 'utf8');
  let json: { format?: unknown };
  try {
    json = JSON.parse(text) as { format?: unknown };
  } catch {
    throw new RnnlmError(path, 'text that is not JSON', 'a model file written by saveLanguageModel');
  }
  if (json?.format === 'dlkit-rnnlm') return RnnLm.fromJSON(json as SerializedRnnLm);
  if (json?.format === 'dlkit-kneser-ney') return KneserNeyLm.fromJSON(json as SerializedKneserNeyLm);
  throw new RnnlmError(`${path}: format`, json?.format, "'dlkit-rnnlm' or 'dlkit-kneser-ney'");
}
