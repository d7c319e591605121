import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DlkitError } from '@dlkit/core';
import { writeJson } from './json-output';

/** The file a trained network's input standardisation is stored in, next to its checkpoints. */
export const PREPROCESSING_FILE = 'preprocessing.json';

/**
 * How a network's inputs were prepared: pixels scaled to [0, 1], then each channel standardised with the
 * training set's mean and deviation (torchvision's `Normalize`). A network only means what it was trained on
 * with these numbers, so whoever loads it (cnn-features-svm `--model`) reads them instead of recomputing them
 * from data that may differ.
 */
export interface PreprocessingRecord {
  format: 'dlkit-preprocessing';
  version: 1;
  /** Per-channel mean and deviation of the [0, 1] training pixels (R, G, B for CIFAR). */
  normalization: { mean: number[]; std: number[] };
  /** How many training images the statistics came from. */
  trainImages: number;
  /** Where the training images came from (a folder, an archive or the generated stand-in). */
  source: string;
  classNames: string[];
}

/**
 * Writes the record atomically into `dir` (created when missing) as {@link PREPROCESSING_FILE}; returns its path.
 */
export async function writePreprocessing(dir: string, record: Omit<PreprocessingRecord, 'format' | 'version'>): Promise<string> {
  const full: PreprocessingRecord = { format: 'dlkit-preprocessing', version: 1, ...record };
  return writeJson(join(dir, PREPROCESSING_FILE), full);
}

const finiteArray = (v: unknown, length: number): v is number[] =>
  Array.isArray(v) && v.length === length && v.every((x) => typeof x === 'number' && Number.isFinite(x));

/**
 * Reads {@link PREPROCESSING_FILE} from `dir`: null when there is none, the record when it is valid, and a
 * `DlkitError` naming the file and the field otherwise (a damaged record must not silently fall back to other
 * statistics, or the network would be scored on inputs it never saw).
 */
export async function readPreprocessing(dir: string): Promise<PreprocessingRecord | null> {
  const file = join(dir, PREPROCESSING_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new DlkitError({ code: 'UNREADABLE', file, received: (e as Error).message, expected: 'a readable file', cause: e });
  }
  const fail = (argument: string, received: unknown, expected: string): never => {
    throw new DlkitError({
      code: 'CORRUPT',
      file,
      argument,
      received,
      expected,
      hint: 'it is written with the checkpoints (cifar-cnn --checkpoint); train again or remove it to recompute the statistics',
    });
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    fail('', `${text.length} characters that are not JSON`, 'a JSON preprocessing record');
  }
  const r = json as Partial<PreprocessingRecord> | null;
  if (typeof r !== 'object' || r === null || r.format !== 'dlkit-preprocessing') {
    fail('format', r?.format, '"dlkit-preprocessing"');
  }
  const rec = r as Partial<PreprocessingRecord>;
  if (rec.version !== 1) fail('version', rec.version, '1');
  const mean = rec.normalization?.mean;
  const std = rec.normalization?.std;
  const channels = Array.isArray(mean) ? mean.length : 0;
  if (channels < 1 || !finiteArray(mean, channels))
    fail('normalization.mean', mean, 'an array of finite numbers, one per channel');
  if (!finiteArray(std, channels) || (std as number[]).some((s) => s <= 0)) {
    fail('normalization.std', std, `${channels} positive finite numbers, one per channel`);
  }
  if (!Number.isInteger(rec.trainImages) || (rec.trainImages as number) < 1) {
    fail('trainImages', rec.trainImages, 'a positive integer');
  }
  if (typeof rec.source !== 'string') fail('source', rec.source, 'a string');
  if (!Array.isArray(rec.classNames) || !rec.classNames.every((c) => typeof c === 'string')) {
    fail('classNames', rec.classNames, 'an array of class names');
  }
  return rec as PreprocessingRecord;
}
