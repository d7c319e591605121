import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { writeJson } from './json-output';

/** What an example's last run left behind; the results page lists one per example. */
export interface LatestReport {
  /** Example name, e.g. `mnist-convnet`. */
  example: string;
  /** One-line description of what was run (dataset, model, settings). */
  title: string;
  /** ISO time the run finished. */
  finished: string;
  /** Headline figures shown on the results page, e.g. `{ 'test accuracy': '98.9 %' }`. */
  headline: Record<string, string | number>;
  /** The HTML report, relative to the folder holding `latest.json`. */
  html?: string;
  /** The JSON metrics, relative to the folder holding `latest.json`. */
  json?: string;
  /** Anything the reader must know (e.g. "generated stand-in data, not CIFAR-10"). */
  note?: string;
}

/** File name of the record inside an example's report folder. */
export const LATEST_FILE = 'latest.json';

/**
 * Records the run in `<outDir>/latest.json` (atomically), with the report paths made relative to `outDir`,
 * for the results page (`pnpm results`). Returns the record's path.
 */
export async function recordLatestReport(
  outDir: string,
  entry: Omit<LatestReport, 'finished' | 'html' | 'json'> & { html?: string; json?: string },
): Promise<string> {
  const dir = resolve(outDir);
  const rel = (p: string | undefined) => (p === undefined ? undefined : relative(dir, resolve(p)));
  const record: LatestReport = {
    ...entry,
    finished: new Date().toISOString(),
    ...(entry.html ? { html: rel(entry.html) } : {}),
    ...(entry.json ? { json: rel(entry.json) } : {}),
  };
  return writeJson(join(dir, LATEST_FILE), record);
}

/** Reads a `latest.json`; undefined when missing or not a record. */
export async function readLatestReport(file: string): Promise<LatestReport | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const v = JSON.parse(text) as Partial<LatestReport>;
    if (
      typeof v.example !== 'string' ||
      typeof v.title !== 'string' ||
      typeof v.finished !== 'string' ||
      typeof v.headline !== 'object' ||
      v.headline === null
    )
      return undefined;
    return v as LatestReport;
  } catch {
    return undefined;
  }
}
