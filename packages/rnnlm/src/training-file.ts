import { RnnlmError, inFile } from './errors';
import { readJsonFile } from './persistence';
import { RnnLm, type SerializedRnnLm } from './rnn-lm';
import { checkRnnTrainState, type RnnTrainState } from './train-rnn-lm';

/** What {@link saveRnnTraining} writes: the model and the schedule's state, in one file so they never disagree. */
interface SerializedRnnTraining {
  format: 'dlkit-rnn-training';
  state: RnnTrainState;
  model: SerializedRnnLm;
}

/**
 * Saves a training run in progress — the model and the state {@link trainRnnLmEpochs} yielded with it — as one
 * JSON file, written atomically (temporary file, fsync, rename): a process killed while saving leaves the
 * previous epoch's file whole. {@link loadRnnTraining} reads it back to resume. Node.js only.
 *
 * @example
 * ```ts
 * for (const state of trainRnnLmEpochs(lm, train, valid)) await saveRnnTraining('run.training.json', lm, state);
 * ```
 */
export async function saveRnnTraining(path: string, model: RnnLm, state: RnnTrainState): Promise<void> {
  if (typeof path !== 'string' || path.length === 0) throw new RnnlmError('path', path, 'a file path');
  if (!(model instanceof RnnLm)) throw new RnnlmError('model', model, 'an RnnLm');
  const file: SerializedRnnTraining = { format: 'dlkit-rnn-training', state: checkRnnTrainState(state), model: model.toJSON() };
  const { writeFileAtomic } = await import('@dlkit/core/node');
  await writeFileAtomic(path, JSON.stringify(file));
}

/**
 * Reads a file written by {@link saveRnnTraining}: the model and the state to pass as `resume` to
 * {@link trainRnnLmEpochs} or `trainRnnLm`. `null` when there is no such file (nothing to resume); a truncated,
 * corrupt or foreign file is an {@link RnnlmError} whose message starts with the file and the field.
 *
 * @example
 * ```ts
 * const saved = await loadRnnTraining('run.training.json');
 * const lm = saved?.model ?? new RnnLm({ vocabSize, hiddenSize: 200, classes: 100 });
 * const report = trainRnnLm(lm, train, valid, { resume: saved?.state });
 * ```
 */
export async function loadRnnTraining(path: string): Promise<{ model: RnnLm; state: RnnTrainState } | null> {
  if (typeof path !== 'string' || path.length === 0) throw new RnnlmError('path', path, 'a file path');
  const json = (await readJsonFile(path, 'training file', 'saveRnnTraining', true)) as
    | Partial<SerializedRnnTraining>
    | null
    | undefined;
  if (json === undefined) return null;
  if (json?.format !== 'dlkit-rnn-training') {
    throw new RnnlmError('format', json?.format, "'dlkit-rnn-training'", undefined, { file: path });
  }
  try {
    const state = checkRnnTrainState(json.state);
    return { model: RnnLm.fromJSON(json.model as SerializedRnnLm), state };
  } catch (error) {
    if (error instanceof RnnlmError) throw inFile(error, path);
    throw error;
  }
}
