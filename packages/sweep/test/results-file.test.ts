import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readResults, ResultsFile, SweepError, type TrialRecord } from '../src/index';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'dlkit-sweep-results-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const record = (key: string, status: 'ok' | 'failed' = 'ok', sweep = 's'): TrialRecord => ({
  sweep,
  id: key,
  key,
  trial: { module: 'm', name: 'n' },
  settings: { x: 1 },
  seed: 1,
  status,
  ...(status === 'ok' ? { result: { y: key } } : { error: { name: 'Error', message: 'no' } }),
  where: { host: 'h', pid: 1, worker: 'w' },
  startedAt: '2026-01-01T00:00:00.000Z',
  seconds: 1,
  processSeconds: 1,
  attempts: 1,
});

describe('ResultsFile and readResults', () => {
  it('appends one JSON line per record and reads them back; a missing file is empty', async () => {
    const path = join(tmp(), 'sub', 'r.jsonl');
    expect((await readResults(path, 's')).size).toBe(0);
    const { file, existing } = await ResultsFile.open(path, 's');
    expect(existing.size).toBe(0);
    await Promise.all([file.append(record('a')), file.append(record('b'))]);
    await file.close();
    expect(readFileSync(path, 'utf8').split('\n')).toHaveLength(3);
    expect([...(await readResults(path, 's')).keys()]).toEqual(['a', 'b']);
  });

  it('ignores a last line cut short by a crash, and drops it when the file is opened again', async () => {
    const path = join(tmp(), 'r.jsonl');
    writeFileSync(path, `${JSON.stringify(record('a'))}\n${JSON.stringify(record('b')).slice(0, 40)}`);
    expect([...(await readResults(path, 's')).keys()]).toEqual(['a']);
    const { file } = await ResultsFile.open(path, 's');
    await file.close();
    expect(readFileSync(path, 'utf8')).toBe(`${JSON.stringify(record('a'))}\n`);
  });

  it('keeps the later of two lines for a key (a failed trial run again), and one line per key after opening', async () => {
    const path = join(tmp(), 'r.jsonl');
    writeFileSync(path, [record('a', 'failed'), record('b'), record('a')].map((r) => `${JSON.stringify(r)}\n`).join(''));
    expect((await readResults(path, 's')).get('a')?.status).toBe('ok');
    const { file } = await ResultsFile.open(path, 's');
    await file.close();
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('refuses a damaged line before the last, and a file of another sweep, naming the line', async () => {
    const path = join(tmp(), 'r.jsonl');
    writeFileSync(path, `{oops\n${JSON.stringify(record('a'))}\n`);
    await expect(readResults(path, 's')).rejects.toMatchObject({ code: 'BAD_RESULTS_FILE', argument: 'line 1', file: path });
    writeFileSync(path, `${JSON.stringify(record('a', 'ok', 'other'))}\n`);
    const e = await readResults(path, 's').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SweepError);
    expect(e).toMatchObject({ code: 'BAD_RESULTS_FILE', argument: 'line 1.sweep', received: 'other' });
  });
});
