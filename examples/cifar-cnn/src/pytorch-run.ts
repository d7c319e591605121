import { readFile } from 'node:fs/promises';
import { CifarCnnError } from './errors';

/** One epoch of `pytorch/cifar_tf_net.py`: test accuracy and the wall seconds since its training started. */
export interface PytorchEpoch {
  epoch: number;
  testAccuracy: number;
  seconds: number;
}

/** What `pytorch/cifar_tf_net.py --json FILE` writes (the fields dlkit reads). */
export interface PytorchRun {
  framework: string;
  threads: number;
  history: PytorchEpoch[];
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks a parsed `cifar_tf_net.py --json` file, naming the field at fault, so that a file from another tool or
 * a run killed while writing is refused before the report is drawn.
 */
export function parsePytorchRun(value: unknown, file: string): PytorchRun {
  const fail = (field: string, received: unknown, expected: string): never => {
    throw new CifarCnnError(`${file}: ${field}`, received, expected);
  };
  if (typeof value !== 'object' || value === null)
    return fail('(top level)', value, 'an object written by cifar_tf_net.py --json');
  const v = value as Record<string, unknown>;
  if (typeof v.framework !== 'string') fail('framework', v.framework, 'a string such as "pytorch 1.13.0"');
  if (!isNumber(v.threads) || v.threads < 1) fail('threads', v.threads, 'a thread count ≥ 1');
  if (!Array.isArray(v.history) || v.history.length === 0) fail('history', v.history, 'a non-empty array of epochs');
  const history = (v.history as unknown[]).map((h, i) => {
    const e = (typeof h === 'object' && h !== null ? h : {}) as Record<string, unknown>;
    if (!isNumber(e.epoch)) fail(`history[${i}].epoch`, e.epoch, 'an epoch number');
    if (!isNumber(e.testAccuracy) || e.testAccuracy < 0 || e.testAccuracy > 1)
      fail(`history[${i}].testAccuracy`, e.testAccuracy, 'an accuracy in [0, 1]');
    if (!isNumber(e.seconds) || e.seconds < 0) fail(`history[${i}].seconds`, e.seconds, 'wall seconds ≥ 0');
    return { epoch: e.epoch as number, testAccuracy: e.testAccuracy as number, seconds: e.seconds as number };
  });
  return { framework: v.framework as string, threads: v.threads as number, history };
}

/** Reads and checks a `cifar_tf_net.py --json` file; a missing file or broken JSON gets an error naming it. */
export async function readPytorchRun(file: string): Promise<PytorchRun> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new CifarCnnError('--pytorch', file, `a readable JSON file of cifar_tf_net.py (${(e as Error).message})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new CifarCnnError(`${file}`, text.slice(0, 40), `JSON written by cifar_tf_net.py --json (${(e as Error).message})`);
  }
  return parsePytorchRun(parsed, file);
}
