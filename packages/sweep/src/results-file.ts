import { fsyncPath, writeFileAtomic } from '@dlkit/core/node';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SweepError } from './errors';
import type { TrialRecord } from './record';

/**
 * Reads a results file (JSON lines, one {@link TrialRecord} a line) into a map key → record; a later line for a
 * key replaces an earlier one (a failed trial run again). A missing file is empty. A last line cut short by a
 * crash is ignored; any other line that is not a record of `sweep` is a `BAD_RESULTS_FILE` error.
 */
export async function readResults(path: string, sweep: string): Promise<Map<string, TrialRecord>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new SweepError({
      code: 'BAD_RESULTS_FILE',
      file: path,
      message: `${path}: cannot be read (${(e as Error).message})`,
      cause: e,
    });
  }
  const lines = text.split('\n');
  const records = new Map<string, TrialRecord>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    let record: TrialRecord;
    try {
      record = JSON.parse(line) as TrialRecord;
    } catch (e) {
      // Only the last line can be torn (appends are fsynced one by one): a crash mid-write.
      if (i >= lines.length - 2 && !text.endsWith('\n')) break;
      throw new SweepError({
        code: 'BAD_RESULTS_FILE',
        file: path,
        argument: `line ${i + 1}`,
        received: line,
        expected: 'a JSON trial record',
        hint: 'the file was edited or is not a sweep results file: move it away to start afresh',
        cause: e,
      });
    }
    if (typeof record?.key !== 'string' || (record.status !== 'ok' && record.status !== 'failed')) {
      throw new SweepError({
        code: 'BAD_RESULTS_FILE',
        file: path,
        argument: `line ${i + 1}`,
        received: line,
        expected: 'a trial record with key and status',
      });
    }
    if (record.sweep !== sweep) {
      throw new SweepError({
        code: 'BAD_RESULTS_FILE',
        file: path,
        argument: `line ${i + 1}.sweep`,
        received: record.sweep,
        expected: `"${sweep}"`,
        hint: 'this results file belongs to another sweep: give each sweep its own file',
      });
    }
    records.set(record.key, record);
  }
  return records;
}

/**
 * Appends trial records to a results file as they arrive, each line fsynced before the next is written, so a
 * crash loses at most the line being written (which {@link readResults} then ignores). Opening rewrites the
 * file atomically (temporary file, fsync, rename) with one line per key, dropping a torn last line.
 */
export class ResultsFile {
  private chain: Promise<void> = Promise.resolve();

  private constructor(
    /** The file's path. */
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /** Opens `path` for `sweep`, returning the writer and the records already there. */
  static async open(path: string, sweep: string): Promise<{ file: ResultsFile; existing: Map<string, TrialRecord> }> {
    const existing = await readResults(path, sweep);
    await writeFileAtomic(path, [...existing.values()].map((r) => `${JSON.stringify(r)}\n`).join(''));
    const handle = await open(path, 'a');
    await fsyncPath(dirname(path));
    return { file: new ResultsFile(path, handle), existing };
  }

  /** Appends one record (writes are queued, so concurrent calls keep whole lines). */
  append(record: TrialRecord): Promise<void> {
    const next = this.chain.then(async () => {
      await this.handle.appendFile(`${JSON.stringify(record)}\n`);
      await this.handle.sync();
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Waits for pending appends and closes the file. */
  async close(): Promise<void> {
    await this.chain;
    await this.handle.close();
  }
}
