import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGUE } from './catalogue/index';
import { commandLine } from './command-line';
import { ReproduceError } from './errors';
import type { Command, DataPaths, Expectation, Experiment } from './experiment';

/** One experiment of a run: its command, or why it is skipped, and how long it should take. */
export interface PlannedExperiment {
  experiment: Experiment;
  /** The experiment's output folder (JSON, report, checkpoints, log). */
  dir: string;
  /** The command; undefined when the experiment is skipped. */
  command?: Command;
  /** What is missing (each with the path looked for); non-empty means skipped. */
  missing: { path: string | undefined; what: string }[];
  expected: Expectation;
}

/** Options of {@link planExperiments}. */
export interface PlanOptions {
  paths: DataPaths;
  quick: boolean;
  /** The reproduce folder: every experiment writes into `<out>/<id>/`. */
  out: string;
  python: string;
  /** Experiment ids to run (default all). */
  only?: readonly string[];
  /** Checks the Python interpreter has torch and PIL; default a real import through `python`. */
  pythonHasTorch?: (python: string) => boolean;
}

/** Whether `python` can import torch and PIL (about a second: torch's import). */
export function pythonHasTorch(python: string): boolean {
  const r = spawnSync(python, ['-c', 'import torch, PIL'], { stdio: 'ignore', timeout: 60_000 });
  return r.status === 0;
}

/** The experiments `only` names, in catalogue order; throws a `ReproduceError` naming an unknown one. */
export function selectExperiments(only?: readonly string[]): Experiment[] {
  if (only === undefined) return [...CATALOGUE];
  const ids = CATALOGUE.map((e) => e.id);
  const bad = only.find((id) => !ids.includes(id));
  if (bad !== undefined) {
    throw new ReproduceError({
      code: 'UNKNOWN_EXPERIMENT',
      argument: '--only',
      received: bad,
      expected: `some of ${ids.join(', ')}`,
    });
  }
  return CATALOGUE.filter((e) => only.includes(e.id));
}

/**
 * The plan: for each selected experiment its command at full (or `--quick`) size, or the data it is missing,
 * and its expected time. Data is checked for full-size runs only (`--quick` generates its own); the PyTorch
 * peer also needs a Python with torch.
 */
export function planExperiments(options: PlanOptions): PlannedExperiment[] {
  const hasTorch = options.pythonHasTorch ?? pythonHasTorch;
  let torch: boolean | undefined;
  return selectExperiments(options.only).map((experiment) => {
    const dir = join(options.out, experiment.id);
    const missing = options.quick
      ? []
      : experiment.needs(options.paths).filter((n) => n.path === undefined || !existsSync(n.path));
    if (experiment.id === 'pytorch-cifar') {
      torch ??= hasTorch(options.python);
      if (!torch)
        missing.push({
          path: options.python,
          what: 'a Python 3 with torch and PIL (Debian python3-torch, python3-pil; --python PATH)',
        });
    }
    const command =
      missing.length === 0
        ? experiment.command({ paths: options.paths, quick: options.quick, dir, python: options.python })
        : undefined;
    return { experiment, dir, command, missing, expected: experiment.expected };
  });
}

/** Seconds as `3 h 05 min`, `12 min`, `40 s`. */
export function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * The plan as the user reads it before anything starts: each experiment with its command and expected time
 * (and where the figure comes from), the skipped ones with the file that is missing, and the total.
 */
export function formatPlan(
  plan: readonly PlannedExperiment[],
  options: { quick: boolean; python: string; workers?: number | string },
): string {
  const lines: string[] = [];
  const runs = plan.filter((p) => p.command);
  lines.push(
    `reproduction plan (${options.quick ? '--quick: smallest sizes on generated stand-in data' : 'full size, real data'}): ${runs.length} of ${plan.length} experiments`,
  );
  for (const p of plan) {
    lines.push('');
    if (p.command) {
      lines.push(`  ${p.experiment.id} — ${p.experiment.title}`);
      lines.push(`    ${commandLine(p.command, options.python)}`);
      if (!options.quick) lines.push(`    expected ${duration(p.expected.seconds)} (${p.expected.source})`);
    } else {
      lines.push(
        `  ${p.experiment.id} — SKIPPED: ${p.missing.map((m) => `missing ${m.path ?? '(no --data given)'}: ${m.what}`).join('; ')}`,
      );
    }
    if (p.experiment.note) lines.push(`    note: ${p.experiment.note}`);
  }
  const total = runs.reduce((s, p) => s + p.expected.seconds, 0);
  lines.push('');
  if (!options.quick) {
    lines.push(
      `expected total: ${duration(total)} one after another on this machine${options.workers !== undefined ? ` (workers: ${options.workers})` : ''}; a busy machine takes longer. Stopped runs resume: run the same command again.`,
    );
  }
  return lines.join('\n');
}
