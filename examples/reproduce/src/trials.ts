/**
 * One experiment as a @dlkit/sweep trial: it runs the example's command as a child process and returns the
 * headline figures read from the example's JSON. Workers on any machine import it as
 * `@dlkit-examples/reproduce/trials` (this package's `exports`; `pnpm --filter @dlkit-examples/reproduce worker`).
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { defineTrial } from '@dlkit/sweep';
import { CATALOGUE } from './catalogue/index';
import { commandLine } from './command-line';
import { ReproduceError } from './errors';
import type { AccuracyCurve, Command, Figures } from './experiment';
import { REPO_ROOT } from './paths';
import { progressOf, runCommand } from './run-command';

/** The module specifier and export name the reproduction sweep names this trial by. */
export const EXPERIMENT_TRIAL = { module: '@dlkit-examples/reproduce/trials', name: 'experimentTrial' } as const;

/** What a trial needs (JSON: it travels to workers; paths are on the worker's machine). */
export interface ExperimentTrialSettings {
  /** The catalogue id. */
  experiment: string;
  command: Command;
  /** The log file of the example's output. */
  log: string;
  python: string;
}

/** What a trial returns. */
export interface ExperimentTrialResult {
  figures: Figures;
  /** The example's tensor engine (or PyTorch's version), as its JSON says. */
  engine: string;
  /** Node.js version and host of the trial. */
  node: string;
  host: string;
  /** Wall seconds of the example's process. */
  seconds: number;
  /** The exact command, to paste at the repository root. */
  command: string;
  json: string;
  log: string;
  /** SVG pictures the results page shows. */
  pictures: string[];
  /** Test accuracy against wall time, for experiments with a PyTorch peer. */
  curve?: AccuracyCurve;
}

/** The engine an example's JSON names (`engine` and `threads`, or PyTorch's `framework`). */
export function engineOf(json: unknown): string {
  const j = (json ?? {}) as { engine?: unknown; threads?: unknown; framework?: unknown };
  if (typeof j.engine === 'string') {
    return typeof j.threads === 'number' && !j.engine.includes('(')
      ? `${j.engine} (${j.threads} thread${j.threads === 1 ? '' : 's'})`
      : j.engine;
  }
  if (typeof j.framework === 'string') return `${j.framework}${typeof j.threads === 'number' ? ` (${j.threads} threads)` : ''}`;
  return 'plain JavaScript (no tensor engine)';
}

/** Reads the example's JSON file; a missing or unparsable file is a `ReproduceError` naming it. */
export function readExampleJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ReproduceError({
      code: 'BAD_EXAMPLE_JSON',
      file,
      received: 'no file',
      expected: 'the JSON the example writes with --json',
      cause: e,
    });
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ReproduceError({
      code: 'BAD_EXAMPLE_JSON',
      file,
      received: (e as Error).message,
      expected: 'valid JSON',
      cause: e,
    });
  }
}

/** Runs one experiment's example and reads its figures. */
export const experimentTrial = defineTrial<ExperimentTrialSettings, ExperimentTrialResult>({
  // A full-size experiment uses the whole machine (the examples pick their threads from the cores).
  threads: 2,
  run: async (s, context) => {
    const experiment = CATALOGUE.find((e) => e.id === s.experiment);
    if (!experiment) {
      throw new ReproduceError({
        code: 'UNKNOWN_EXPERIMENT',
        argument: 'settings.experiment',
        received: s.experiment,
        expected: `one of ${CATALOGUE.map((e) => e.id).join(', ')}`,
        hint: 'the worker runs another version of the catalogue: update its checkout',
      });
    }
    const seconds = await runCommand(s.command, {
      root: REPO_ROOT,
      python: s.python,
      log: s.log,
      onLine: (line) => {
        const p = progressOf(line);
        if (p) context.progress(p);
      },
    });
    const json = readExampleJson(s.command.json);
    return {
      figures: experiment.read(json, s.command.json),
      engine: engineOf(json),
      node: process.version,
      host: hostname(),
      seconds,
      command: commandLine(s.command, s.python),
      json: s.command.json,
      log: s.log,
      pictures: experiment.pictures?.(json, s.command.json) ?? [],
      ...(experiment.curve ? { curve: experiment.curve(json, s.command.json) } : {}),
    };
  },
});
