/**
 * Issue 10's small protocol: train on the first 90 % of the lines of ptb.valid.txt, use the last 10 % for the
 * learning-rate schedule and for tuning interpolation weights, evaluate on all of ptb.test.txt. KN5, rnnlm-0.4b's
 * RNNs, the regularisation chosen on the held-out text, RNN + KN and mixtures, RNNMEs and dynamic evaluation.
 */
import { join } from 'node:path';
import { perplexity } from '@dlkit/metrics';
import {
  InterpolatedLm,
  KneserNeyLm,
  evaluateDynamically,
  interpolateProbabilities,
  perplexityOf,
  sumLogProbabilities,
  tuneInterpolationWeights,
} from '@dlkit/rnnlm';
import type { RunSweepOptions } from '@dlkit/sweep';
import { recordLatestReport, stopwatch, writeFileAtomicText, writeJson } from '@dlkit-examples/common';
import { loadSmallCorpus, type Corpus } from './corpus';
import { rnnlmReportHtml } from './report-html';
import { runRnnTrials, trainedModel, trialsJson, trialsTable, type RnnRun, type TrainedRnn, type TrialPhase } from './run-trials';
import { modelFileFor, type RnnTrialSettings } from './trials';

/**
 * The small protocol's settings, as parsed from the command line. The run options (`workers`, `redis`,
 * `resultsFile`, `execArgv`) are @dlkit/sweep's: where the RNN trainings run.
 */
export interface SmallProtocolArgs extends Pick<RunSweepOptions, 'workers' | 'redis' | 'resultsFile' | 'execArgv'> {
  protocol: 'small';
  data: string;
  /**
   * Folder where the plain RNN trials save their models (dynamic evaluation and the cross-check load them);
   * with Redis workers on other machines, a folder this process and every worker share.
   */
  models: string;
  json?: string;
  /** Folder of the HTML report and of the run's record for the results page (`pnpm results`, `latest.json`). */
  out: string;
  rnns: number;
  big: number;
  direct: number;
  directOrder: number;
  rnnme: number;
  rnnmeBig: number;
  seed: number;
  betas: number[];
  dropouts: number[];
  minImprovements: number[];
  maxEpochs: number;
  dynamic: boolean;
  verbose: boolean;
}

interface Row {
  model: string;
  engine?: string;
  testPerplexity: number;
  heldOutPerplexity?: number;
  tokensPerSecond?: number;
  tokensPerCpuSecond?: number;
  epochs?: number;
  weights?: number[];
  seconds: number;
  target?: string;
}

type Log = (msg: string) => void;

const log: Log = (msg) => {
  process.stderr.write(`${msg}\n`);
};

/** Runs `f` and returns its result with its wall time in seconds. */
function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const r = f();
  return [r, (performance.now() - t0) / 1000];
}

/** Word probabilities of one model on the held-out and the test text. */
interface Scored {
  held: Float64Array;
  test: Float64Array;
}

/** The KN5 baseline, its word probabilities and its table row. */
interface KnResult extends Scored {
  lm: KneserNeyLm;
  row: Row;
}

/** The modified Kneser-Ney 5-gram. */
function trainKneserNey(corpus: Corpus): KnResult {
  const { train, vocab, heldOut, test } = corpus;
  const [lm, seconds] = timed(() => KneserNeyLm.train(train, vocab.size, { order: 5, eosId: vocab.eosId }));
  const held = lm.tokenProbabilities(heldOut);
  const testProbabilities = lm.tokenProbabilities(test);
  const row: Row = {
    model: 'KN5 (interpolated modified Kneser-Ney)',
    testPerplexity: perplexityOf(testProbabilities),
    heldOutPerplexity: perplexityOf(held),
    seconds,
    target: 'within 1% of 189.6',
  };
  log(`KN5: test ${row.testPerplexity.toFixed(2)} (${seconds.toFixed(1)} s)`);
  return { lm, held, test: testProbabilities, row };
}

/** How an RNN is regularised and how long its learning rate keeps halving. */
interface Settings {
  beta: number;
  dropout: number;
  minImprovement: number;
}

const RNNLM_SETTINGS: Settings = { beta: 1e-7, dropout: 0, minImprovement: 1.003 };

function isRnnlm(z: Settings): boolean {
  return (
    z.beta === RNNLM_SETTINGS.beta && z.dropout === RNNLM_SETTINGS.dropout && z.minImprovement === RNNLM_SETTINGS.minImprovement
  );
}

function describe(z: Settings): string {
  return isRnnlm(z) ? "rnnlm-0.4b's settings" : `β=${z.beta}, dropout ${z.dropout}, min-improvement ${z.minImprovement}`;
}

/** One trained RNN (or RNNME) with its word probabilities: a finished trial. */
type Trained = TrainedRnn;

/** One training of rnnlm-0.4b's recipe: the RNN of the given size and seed (direct > 0: an RNNME). */
type PlanOne = (hiddenSize: number, seed: number, settings: Settings, direct?: number) => RnnRun;

/** rnnlm-0.4b's training recipe, bound to the data and the flags, as trial runs. */
function rnnPlanner(args: SmallProtocolArgs): PlanOne {
  return (hiddenSize, seed, settings, direct = 0) => {
    const base: RnnTrialSettings = {
      protocol: 'small',
      data: args.data,
      hiddenSize,
      beta: settings.beta,
      dropout: settings.dropout,
      minImprovement: settings.minImprovement,
      direct,
      directOrder: direct > 0 ? args.directOrder : 0,
      maxEpochs: args.maxEpochs,
    };
    // Only the plain RNNs are needed again as models (dynamic evaluation, the cross-check).
    const settingsOut = direct > 0 ? base : { ...base, modelFile: modelFileFor(args.models, base, seed) };
    return {
      id: `${direct > 0 ? 'RNNME' : 'RNN'} H=${hiddenSize} seed ${seed}, ${describe(settings)}`,
      settings: settingsOut,
      seed,
    };
  };
}

function rnnRow(t: Trained, target?: string): Row {
  return {
    model: t.name,
    engine: t.engine,
    testPerplexity: perplexityOf(t.test),
    heldOutPerplexity: perplexityOf(t.held),
    tokensPerSecond: t.report.tokensPerSecond,
    tokensPerCpuSecond: t.report.tokensPerCpuSecond,
    epochs: t.report.epochs.length,
    seconds: t.report.seconds,
    target,
  };
}

/** The linear mixture of `parts` with weights tuned by EM on the held-out text, as a table row. */
function mixtureRow(model: (weights: number[]) => string, parts: Scored[], target?: string): Row {
  const tuned = tuneInterpolationWeights(parts.map((p) => p.held));
  return {
    model: model(tuned.weights),
    testPerplexity: perplexityOf(
      interpolateProbabilities(
        parts.map((p) => p.test),
        tuned.weights,
      ),
    ),
    heldOutPerplexity: tuned.perplexity,
    weights: tuned.weights,
    seconds: 0,
    target,
  };
}

/** The mean over several trained models (seeds) of their perplexities and speeds. */
function meanRow(model: string, group: Trained[]): Row {
  const mean = (f: (m: Trained) => number): number => group.reduce((a, m) => a + f(m), 0) / group.length;
  return {
    model,
    testPerplexity: mean((m) => perplexityOf(m.test)),
    heldOutPerplexity: mean((m) => perplexityOf(m.held)),
    tokensPerSecond: mean((m) => m.report.tokensPerSecond),
    tokensPerCpuSecond: mean((m) => m.report.tokensPerCpuSecond),
    seconds: mean((m) => m.report.seconds),
  };
}

const λ = (w: number[]): string => `λ=${w[0].toFixed(3)}`;

/** rnnlm-0.4b as it is: the reference runs of the issue. */
interface ReferenceRnns {
  rnn100: Trained;
  rnn200: Trained;
  rows: Row[];
}

function referenceRnns(rnn100: Trained, rnn200: Trained): ReferenceRnns {
  const row100 = rnnRow(rnn100, 'rnnlm-0.4b: 220.4 at 46.6k tokens/s');
  return { rnn100, rnn200, rows: [row100, rnnRow(rnn200, 'rnnlm-0.4b: 219.7')] };
}

/** The grid's settings other than rnnlm-0.4b's (that one is the reference H=100 RNN), in the grid's order. */
function gridSettings(args: SmallProtocolArgs): Settings[] {
  const out: Settings[] = [];
  for (const beta of args.betas) {
    for (const dropout of args.dropouts) {
      for (const minImprovement of args.minImprovements) {
        const z = { beta, dropout, minImprovement };
        if (!isRnnlm(z)) out.push(z);
      }
    }
  }
  return out;
}

/** The regularisation grid (H=100, seed S) and the settings it chose on the held-out text. */
interface Regularisation {
  grid: Trained[];
  chosen: Trained;
  best: Settings;
  gridRows: Row[];
  /** The H=200 RNN trained with the chosen settings. */
  reg200: Trained;
  rows: Row[];
}

/** The grid point with the lowest held-out perplexity (never the test's), and its settings. */
function chooseOnHeldOut(grid: Trained[]): { chosen: Trained; best: Settings } {
  const chosen = grid.reduce((a, t) => (perplexityOf(t.held) < perplexityOf(a.held) ? t : a));
  const { beta, dropout, minImprovement } = chosen.settings;
  const best = { beta, dropout, minImprovement };
  log(`held-out grid: best ${describe(best)} (held-out ${perplexityOf(chosen.held).toFixed(2)})`);
  return { chosen, best };
}

function regularisation(
  args: SmallProtocolArgs,
  grid: Trained[],
  chosen: Trained,
  best: Settings,
  reg200: Trained,
): Regularisation {
  const gridRows = grid.map((t) => rnnRow(t));
  const chosenRow: Row = {
    ...rnnRow(chosen, '≤ 220 at ≥ 46k tokens/s'),
    model: `RNN H=100 seed ${args.seed}, ${describe(best)} (chosen on held-out)`,
  };
  return { grid, chosen, best, gridRows, reg200, rows: [chosenRow, rnnRow(reg200)] };
}

/** RNN + KN with λ tuned on the held-out text, and mixtures of RNNs (seeds and sizes) with and without KN. */
interface RnnMixtures {
  /** The chosen H=200 RNN + KN5. */
  pairRow: Row;
  /** The mixture's RNNs: the chosen settings, seeds S, S+1, … */
  members: Trained[];
  /** Every plain RNN of the run. */
  everyRnn: Trained[];
  rows: Row[];
}

function mixRnns(reference: ReferenceRnns, reg: Regularisation, moreSeeds: Trained[], kn: Scored): RnnMixtures {
  const { best, chosen, reg200 } = reg;
  const pairRow = mixtureRow((w) => `RNN H=200 (${describe(best)}) + KN5 (${λ(w)})`, [reg200, kn], '≤ 169.5');
  const rows: Row[] = [
    pairRow,
    mixtureRow((w) => `RNN H=200 (rnnlm-0.4b's settings) + KN5 (${λ(w)})`, [reference.rnn200, kn], 'rnnlm-0.4b + KN5: 169.5'),
  ];
  const members: Trained[] = [chosen, reg200, ...moreSeeds];
  rows.push(mixtureRow(() => `mixture of ${members.length} RNNs (${describe(best)}) + KN5`, [...members, kn], '≤ 160'));
  const small = members.filter((m) => m.settings.hiddenSize === 100);
  if (small.length > 1) rows.push(meanRow(`RNN H=100 (${describe(best)}), mean of ${small.length} seeds`, small));
  rows.push(mixtureRow(() => `mixture of ${members.length} RNNs (no KN)`, members));
  // Every plain RNN of the run: the grid's other settings add variety.
  const everyRnn = [...new Set([...members, ...reg.grid, reference.rnn200])];
  rows.push(mixtureRow(() => `mixture of all ${everyRnn.length} RNNs of this run + KN5`, [...everyRnn, kn], '≤ 160'));
  return { pairRow, members, everyRnn, rows };
}

/** RNNME: the same RNNs with direct n-gram connections (rnnlm-0.4b's -direct, -direct-order). */
/** The RNNMEs' trainings: H=100 and H=200 with seed S, then the mixture's other seeds (H=100, then H=200). */
function rnnmeRuns(plan: PlanOne, args: SmallProtocolArgs): RnnRun[] {
  if (args.direct <= 0) return [];
  const runs = [plan(100, args.seed, RNNLM_SETTINGS, args.direct), plan(200, args.seed, RNNLM_SETTINGS, args.direct)];
  for (let k = 1; k < args.rnnme; k++) runs.push(plan(100, args.seed + k, RNNLM_SETTINGS, args.direct));
  for (let k = 1; k < args.rnnmeBig; k++) runs.push(plan(200, args.seed + k, RNNLM_SETTINGS, args.direct));
  return runs;
}

function rnnmeRows(
  args: SmallProtocolArgs,
  meMembers: Trained[],
  everyRnn: Trained[],
  kn: Scored,
): { meMembers: Trained[]; rows: Row[] } {
  const rows: Row[] = [];
  if (args.direct <= 0) return { meMembers, rows };
  const me = `direct ${args.direct / 1e6}M, order ${args.directOrder}`;
  const [me100, me200] = meMembers as [Trained, Trained];
  rows.push({ ...rnnRow(me100), model: `RNNME H=100 seed ${args.seed} (${me}, rnnlm-0.4b's settings)` });
  rows.push({ ...rnnRow(me200), model: `RNNME H=200 seed ${args.seed} (${me}, rnnlm-0.4b's settings)` });
  rows.push(mixtureRow((w) => `RNNME H=200 + KN5 (${λ(w)})`, [me200, kn], '≤ 169.5'));
  rows.push(mixtureRow(() => `mixture of ${meMembers.length} RNNMEs + KN5`, [...meMembers, kn], '≤ 160'));
  const everyModel = [...everyRnn, ...meMembers, kn];
  rows.push(mixtureRow(() => `mixture of all ${everyRnn.length} RNNs and ${meMembers.length} RNNMEs + KN5`, everyModel, '≤ 160'));
  const meSmall = meMembers.filter((m) => m.settings.hiddenSize === 100);
  if (meSmall.length > 1) rows.push(meanRow(`RNNME H=100, mean of ${meSmall.length} seeds`, meSmall));
  return { meMembers, rows };
}

/** Dynamic evaluation (the model keeps learning on the test text): the chosen H=200 RNN and every mixture member. */
async function evaluateDynamic(corpus: Corpus, reg: Regularisation, members: Trained[], kn: Scored): Promise<Row[]> {
  const { heldOut, test } = corpus;
  const { reg200, best } = reg;
  const rows: Row[] = [];
  // The models come from the files their trials saved (bit-identical weights: saveLanguageModel is exact).
  const reg200Lm = await trainedModel(reg200);
  const memberLms = await Promise.all(members.map((m) => trainedModel(m)));
  const [dyn, seconds] = timed(() => evaluateDynamically(reg200Lm, test, { alpha: 0.1, bptt: 4, bpttBlock: 10 }));
  rows.push({ model: `RNN H=200 (${describe(best)}), dynamic evaluation (α=0.1)`, testPerplexity: perplexityOf(dyn), seconds });
  const dynHeld = evaluateDynamically(reg200Lm, heldOut, { alpha: 0.1, bptt: 4, bpttBlock: 10 });
  const { heldOutPerplexity: _pairHeld, ...dynPair } = mixtureRow(
    (w) => `RNN H=200 dynamic + KN5 (${λ(w)})`,
    [{ held: dynHeld, test: dyn }, kn],
  );
  rows.push({ ...dynPair, seconds });
  // Every member of the mixture evaluated dynamically, mixed with KN5 (weights tuned the same way).
  const [dynAll, dynSeconds] = timed(() =>
    memberLms.map((lm) => ({
      held: evaluateDynamically(lm, heldOut, { alpha: 0.1, bptt: 4, bpttBlock: 10 }),
      test: evaluateDynamically(lm, test, { alpha: 0.1, bptt: 4, bpttBlock: 10 }),
    })),
  );
  const { heldOutPerplexity: _mixHeld, ...dynMix } = mixtureRow(
    () => `mixture of ${members.length} dynamic RNNs + KN5`,
    [...dynAll, kn],
  );
  rows.push({ ...dynMix, seconds: dynSeconds });
  return rows;
}

/** Cross-checks the package's perplexity against @dlkit/metrics, and the mixture object against the arrays. */
async function crossCheck(corpus: Corpus, kn: KnResult, reg200: Trained, pairRow: Row): Promise<void> {
  const check = perplexity(sumLogProbabilities(kn.test), kn.test.length);
  if (Math.abs(check - kn.row.testPerplexity) > 1e-9 * check) throw new Error('perplexity mismatch');
  // The mixture object gives the same numbers as the arrays above (sanity check on a short prefix).
  const mixLm = new InterpolatedLm([await trainedModel(reg200), kn.lm], pairRow.weights!);
  const prefix = corpus.test.subarray(0, 200);
  const viaObject = mixLm.tokenProbabilities(prefix);
  if (Math.abs(viaObject[199] - interpolateProbabilities([reg200.test, kn.test], pairRow.weights!)[199]) > 1e-12)
    throw new Error('interpolation mismatch');
}

/** The results table and the regularisation grid, as printed and as the HTML report shows them. */
interface Tables {
  header: string[];
  lines: string[][];
  gridHeader: string[];
  gridLines: string[][];
}

function printTables(rows: Row[], reg: Regularisation, seed: number): Tables {
  const header = ['model', 'test ppl', 'held-out ppl', 'tokens/s (wall)', 'tokens/CPU s', 'target'];
  const lines = rows.map((r) => [
    r.model,
    r.testPerplexity.toFixed(1),
    r.heldOutPerplexity === undefined ? '' : r.heldOutPerplexity.toFixed(1),
    r.tokensPerSecond === undefined ? '' : `${(r.tokensPerSecond / 1000).toFixed(1)}k`,
    r.tokensPerCpuSecond === undefined ? '' : `${(r.tokensPerCpuSecond / 1000).toFixed(1)}k`,
    r.target ?? '',
  ]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
  const gridHeader = ['β', 'dropout', 'min-improvement', 'epochs', 'held-out ppl', 'test ppl', 'tokens/CPU s'];
  const gridLines = reg.grid.map((t) => [
    String(t.settings.beta),
    String(t.settings.dropout),
    String(t.settings.minImprovement),
    String(t.report.epochs.length),
    `${perplexityOf(t.held).toFixed(1)}${t === reg.chosen ? ' (chosen)' : ''}`,
    perplexityOf(t.test).toFixed(1),
    `${(t.report.tokensPerCpuSecond / 1000).toFixed(1)}k`,
  ]);
  console.log(`\nRegularisation grid (RNN H=100, seed ${seed}; chosen by held-out perplexity):\n`);
  console.log(`| ${gridHeader.join(' | ')} |`);
  console.log(`|${gridHeader.map(() => '---').join('|')}|`);
  for (const l of gridLines) console.log(`| ${l.join(' | ')} |`);
  return { header, lines, gridHeader, gridLines };
}

/** Everything the run measured, as the reports need it. */
interface Results {
  corpus: Corpus;
  rows: Row[];
  reference: ReferenceRnns;
  reg: Regularisation;
  mixtures: RnnMixtures;
  meMembers: Trained[];
  tables: Tables;
  /** The sweeps that trained the RNNs: each trial with where and how long it ran. */
  phases: TrialPhase[];
}

/** The HTML report, the JSON file (with --json) and the results page's entry. */
async function writeReports(args: SmallProtocolArgs, results: Results, timing: Record<string, number>): Promise<void> {
  const { corpus, rows, reference, reg, mixtures, meMembers, tables, phases } = results;
  const { train, heldOut, test, oov, vocab } = corpus;
  const { grid, chosen, gridRows } = reg;
  const { members, everyRnn } = mixtures;
  const html = rnnlmReportHtml({
    data:
      `Train: first 90 % of the lines of ptb.valid.txt (${train.length} tokens); held-out: the last 10 % (${heldOut.length}); ` +
      `test: ptb.test.txt (${test.length} tokens, ${oov} OOV → <unk>); vocabulary ${vocab.size}; seed ${args.seed}. Total ${timing.total.toFixed(0)} s.`,
    header: tables.header,
    lines: tables.lines,
    grid: {
      title: `Regularisation chosen on the held-out text (RNN H=100, seed ${args.seed})`,
      header: tables.gridHeader,
      lines: tables.gridLines,
    },
    trials: trialsTable(phases),
    curves: [...everyRnn, ...meMembers].map((m) => ({
      name: m.name,
      validPerplexity: m.report.epochs.map((e) => e.validPerplexity),
      trainPerplexity: m.report.epochs.map((e) => e.trainPerplexity),
    })),
  });
  const htmlPath = await writeFileAtomicText(
    join(args.out, `rnnlm-${new Date().toISOString().replace(/[:.]/g, '-')}.html`),
    html,
  );
  log(`report: ${htmlPath}`);
  if (args.json) {
    await writeJson(args.json, {
      protocol: {
        data: args.data,
        trainTokens: train.length,
        heldOutTokens: heldOut.length,
        testTokens: test.length,
        testOov: oov,
        vocabulary: vocab.size,
        seed: args.seed,
        directSize: args.direct,
        directOrder: args.directOrder,
      },
      rows,
      grid: gridRows.map((r, i) => {
        const { beta, dropout, minImprovement } = grid[i].settings;
        return { ...r, settings: { beta, dropout, minImprovement }, chosen: grid[i] === chosen };
      }),
      rnnEpochs: Object.fromEntries([...everyRnn, ...meMembers].map((m) => [m.name, m.report.epochs])),
      trials: trialsJson(phases),
      environment: { node: process.version, platform: process.platform, arch: process.arch },
      timing,
      report_html: htmlPath,
    });
    log(`wrote ${args.json}`);
  }
  const lowest = rows.reduce((a, r) => (r.testPerplexity < a.testPerplexity ? r : a));
  await recordLatestReport(args.out, {
    example: 'rnnlm',
    title: `RNN LM vs KN5 on PTB text (${train.length} training tokens), mixture of ${members.length} RNNs${meMembers.length > 0 ? ` and ${meMembers.length} RNNMEs` : ''}${args.dynamic ? ', dynamic evaluation' : ''}`,
    headline: {
      'KN5 test ppl': rows[0].testPerplexity.toFixed(1),
      'RNN H=100 (rnnlm settings) test ppl': perplexityOf(reference.rnn100.test).toFixed(1),
      'RNN H=100 (chosen on held-out) test ppl': perplexityOf(chosen.test).toFixed(1),
      'RNN H=100 tokens/s': `${(chosen.report.tokensPerSecond / 1000).toFixed(1)}k`,
      ...(meMembers.length > 0 ? { 'RNNME H=100 test ppl': perplexityOf(meMembers[0].test).toFixed(1) } : {}),
      [`lowest: ${lowest.model}`]: lowest.testPerplexity.toFixed(1),
      time: `${timing.total.toFixed(0)} s`,
    },
    html: htmlPath,
    ...(args.json === undefined ? {} : { json: args.json }),
  });
}

/**
 * Issue 10's small protocol: KN5, rnnlm's RNNs, the held-out grid, mixtures, RNNMEs, dynamic evaluation. The RNN
 * trainings are @dlkit/sweep trials in two sweeps: first everything that does not depend on the grid's choice
 * (the reference RNNs, the grid, the RNNMEs), then the H=200 RNN and the mixture's other seeds with the chosen
 * settings. The rest (KN5, interpolation, mixtures, dynamic evaluation) runs here on what the trials returned.
 */
export async function runSmallProtocol(args: SmallProtocolArgs): Promise<void> {
  const clock = stopwatch();
  const corpus = loadSmallCorpus(args.data);
  const { train, heldOut, test, oov, vocab } = corpus;
  log(
    `train ${train.length} tokens, held-out ${heldOut.length}, test ${test.length} (${oov} OOV → <unk>), vocabulary ${vocab.size}`,
  );
  const kn = trainKneserNey(corpus);
  const plan = rnnPlanner(args);
  const phases: TrialPhase[] = [];
  const trials = async (phase: string, runs: RnnRun[]): Promise<Map<string, Trained>> => {
    if (runs.length === 0) return new Map();
    const done = await runRnnTrials(phase, runs, corpus, {
      sweep: 'rnnlm-small',
      workers: args.workers,
      redis: args.redis,
      resultsFile: args.resultsFile,
      execArgv: args.execArgv,
      verbose: args.verbose,
      log,
    });
    phases.push(done.phase);
    return new Map(done.trained.map((t) => [t.name, t]));
  };

  const ref100 = plan(100, args.seed, RNNLM_SETTINGS);
  const ref200 = plan(200, args.seed, RNNLM_SETTINGS);
  const gridRuns = gridSettings(args).map((z) => plan(100, args.seed, z));
  const meRuns = rnnmeRuns(plan, args);
  // The H=200 trainings first: the longest start early, so the last to finish is a short one.
  const firstDone = await trials('reference, grid, RNNME', [
    ref200,
    ...meRuns.filter((r) => r.settings.hiddenSize === 200),
    ref100,
    ...gridRuns,
    ...meRuns.filter((r) => r.settings.hiddenSize !== 200),
  ]);
  const got = (run: RnnRun, from: Map<string, Trained>): Trained => from.get(run.id) as Trained;
  const reference = referenceRnns(got(ref100, firstDone), got(ref200, firstDone));
  const grid = [reference.rnn100, ...gridRuns.map((r) => got(r, firstDone))];
  const { chosen, best } = chooseOnHeldOut(grid);

  const reg200Run = isRnnlm(best) ? undefined : plan(200, args.seed, best);
  const seedRuns: RnnRun[] = [];
  for (let k = 1; k < args.rnns; k++) seedRuns.push(plan(100, args.seed + k, best));
  for (let k = 1; k < args.big; k++) seedRuns.push(plan(200, args.seed + k, best));
  const secondRuns = [...(reg200Run ? [reg200Run] : []), ...seedRuns];
  const secondDone = await trials('chosen settings', [
    ...secondRuns.filter((r) => r.settings.hiddenSize === 200),
    ...secondRuns.filter((r) => r.settings.hiddenSize !== 200),
  ]);
  const reg200 = reg200Run ? got(reg200Run, secondDone) : reference.rnn200;
  const reg = regularisation(args, grid, chosen, best, reg200);
  const mixtures = mixRnns(
    reference,
    reg,
    seedRuns.map((r) => got(r, secondDone)),
    kn,
  );
  const rnnmes = rnnmeRows(
    args,
    meRuns.map((r) => got(r, firstDone)),
    mixtures.everyRnn,
    kn,
  );
  const dynamicRows = args.dynamic ? await evaluateDynamic(corpus, reg, mixtures.members, kn) : [];
  const rows = [kn.row, ...reference.rows, ...reg.rows, ...mixtures.rows, ...rnnmes.rows, ...dynamicRows];
  await crossCheck(corpus, kn, reg.reg200, mixtures.pairRow);
  const tables = printTables(rows, reg, args.seed);
  const results = { corpus, rows, reference, reg, mixtures, meMembers: rnnmes.meMembers, tables, phases };
  await writeReports(args, results, clock.record());
}
