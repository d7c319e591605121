import { hostname } from 'node:os';
import type { SweepReport, TrialRecord } from '@dlkit/sweep';
import type { AccuracyCurve, Claim, DataPaths, Figures } from './experiment';
import type { PlannedExperiment } from './plan';
import type { ExperimentTrialResult } from './trials';

/** One experiment on the results page. */
export interface ExperimentOutcome {
  id: string;
  title: string;
  example: string;
  /** `ok`, `failed` (with `error`), `skipped` (data missing, with `missing`). */
  status: 'ok' | 'failed' | 'skipped';
  expectedSeconds: number;
  expectedSource: string;
  /** The exact command (also for failed runs). */
  command?: string;
  /** The data it read (full size) or the stand-in (`--quick`). */
  data: string[];
  figures?: Figures;
  engine?: string;
  node?: string;
  host?: string;
  /** Wall seconds of the example's process. */
  seconds?: number;
  /** True when the result came from an earlier run (the results file), not this one. */
  reused?: boolean;
  json?: string;
  log?: string;
  pictures?: string[];
  curve?: AccuracyCurve;
  error?: string;
  missing?: string[];
  note?: string;
}

/** One seed claim next to dlkit's and PyTorch's figures. */
export interface ClaimOutcome {
  experiment: string;
  claim: string;
  what: string;
  unit: Claim['unit'];
  better: Claim['better'];
  source: string;
  seed: number | null;
  dlkit: number | null;
  pytorch: number | null;
  /** The PyTorch peer's experiment id, when the claim has one. */
  pytorchExperiment?: string;
  /**
   * dlkit's figure at least as good as the seed's (within the claim's tolerance); null without both figures,
   * and for `--quick` runs (stand-in data says nothing about a claim).
   */
  met: boolean | null;
  /** Wall seconds of the experiment's run (null when it did not run). */
  seconds: number | null;
}

/** The results JSON (and what the HTML page shows). */
export interface ReproductionResults {
  generated: string;
  quick: boolean;
  data: DataPaths;
  environment: { node: string; platform: string; host: string };
  /** How the sweep ran and how long this call took. */
  sweep: { mode: string; workers: number | null; reused: number; ran: number; failed: number; seconds: number } | null;
  claims: ClaimOutcome[];
  experiments: ExperimentOutcome[];
}

/** Whether `value` meets `claim` (better or equal to the seed's figure, within its relative tolerance). */
export function claimMet(claim: Pick<Claim, 'seed' | 'better' | 'tolerance'>, value: number | null): boolean | null {
  if (claim.seed === null || value === null) return null;
  const slack = claim.seed * (claim.tolerance ?? 0);
  return claim.better === 'higher' ? value >= claim.seed - slack : value <= claim.seed + slack;
}

function outcomeOf(
  p: PlannedExperiment,
  record: TrialRecord | undefined,
  reusedKeys: ReadonlySet<string>,
  quick: boolean,
  paths: DataPaths,
): ExperimentOutcome {
  const e = p.experiment;
  const base = {
    id: e.id,
    title: e.title,
    example: e.example,
    expectedSeconds: p.expected.seconds,
    expectedSource: p.expected.source,
    data: quick ? ['generated stand-in (--quick)'] : e.needs(paths).map((n) => n.path ?? n.what),
    ...(e.note ? { note: e.note } : {}),
  };
  if (!p.command) {
    return { ...base, status: 'skipped', missing: p.missing.map((m) => `${m.path ?? '(no --data given)'}: ${m.what}`) };
  }
  if (!record) return { ...base, status: 'failed', error: 'no result: the sweep ended before this experiment finished' };
  if (record.status === 'failed' || !record.result) {
    return {
      ...base,
      status: 'failed',
      error: record.error ? `${record.error.name}: ${record.error.message}` : 'failed without an error',
      ...(record.where ? { host: record.where.host } : {}),
      seconds: record.seconds,
    };
  }
  const r = record.result as unknown as ExperimentTrialResult;
  return {
    ...base,
    status: 'ok',
    command: r.command,
    figures: r.figures,
    engine: r.engine,
    node: r.node,
    host: r.host,
    seconds: r.seconds,
    reused: reusedKeys.has(record.key),
    json: r.json,
    log: r.log,
    pictures: r.pictures,
    ...(r.curve ? { curve: r.curve } : {}),
  };
}

/**
 * Puts the plan and the sweep's records together: every experiment with its status, figures, engine, Node
 * version and wall time, and every seed claim with the seed's, dlkit's and (where there is a peer) PyTorch's
 * figure and whether it is met.
 */
export function assembleResults(options: {
  plan: readonly PlannedExperiment[];
  report: SweepReport | undefined;
  /** Keys of the records that came from an earlier run. */
  reusedKeys: ReadonlySet<string>;
  quick: boolean;
  paths: DataPaths;
  now?: Date;
}): ReproductionResults {
  const byId = new Map(options.report?.records.map((r) => [r.id, r]) ?? []);
  const experiments = options.plan.map((p) =>
    outcomeOf(p, byId.get(p.experiment.id), options.reusedKeys, options.quick, options.paths),
  );
  const figureOf = (id: string, key: string): number | null => experiments.find((x) => x.id === id)?.figures?.[key] ?? null;
  const claims = options.plan.flatMap((p) =>
    p.experiment.claims.map((c): ClaimOutcome => {
      const dlkit = figureOf(p.experiment.id, c.figure);
      return {
        experiment: p.experiment.id,
        claim: c.id,
        what: c.what,
        unit: c.unit,
        better: c.better,
        source: c.source,
        seed: c.seed,
        dlkit,
        pytorch: c.pytorch ? figureOf(c.pytorch.experiment, c.pytorch.figure) : null,
        ...(c.pytorch ? { pytorchExperiment: c.pytorch.experiment } : {}),
        met: options.quick ? null : claimMet(c, dlkit),
        seconds: experiments.find((x) => x.id === p.experiment.id)?.seconds ?? null,
      };
    }),
  );
  const r = options.report;
  return {
    generated: (options.now ?? new Date()).toISOString(),
    quick: options.quick,
    data: options.paths,
    environment: { node: process.version, platform: `${process.platform} ${process.arch}`, host: hostname() },
    sweep: r ? { mode: r.mode, workers: r.workers, reused: r.reused, ran: r.ran, failed: r.failed, seconds: r.seconds } : null,
    claims,
    experiments,
  };
}
