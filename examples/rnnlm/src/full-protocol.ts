/**
 * The standard Penn Treebank protocol (Mikolov et al. 2011): train on ptb.train.txt (929 589 tokens), tune the
 * learning-rate schedule and the interpolation weights on ptb.valid.txt, report ptb.test.txt; the 10 000-word
 * vocabulary of `loadPtb` (`<unk>` included), `</s>` after each line counted in the perplexity.
 *
 * Published figures on these files: KN5 141.2, RNN 124.7, RNN + KN5 105.7, static mixture of RNNs + KN5 95.5.
 */
import { availableParallelism } from 'node:os';
import { KneserNeyLm, evaluateDynamically, interpolateProbabilities, perplexityOf, tuneInterpolationWeights } from '@dlkit/rnnlm';
import type { RunSweepOptions } from '@dlkit/sweep';
import { join } from 'node:path';
import { recordLatestReport, stopwatch, writeFileAtomicText, writeJson } from '@dlkit-examples/common';
import { loadFullCorpus, RNNLM_CLASSES } from './corpus';
import { describeCurve, mixtureCurve, type MixturePoint } from './mixture-curve';
import { rnnlmReportHtml } from './report-html';
import { runRnnTrials, trainedModel, trialsJson, trialsTable, type RnnRun } from './run-trials';
import { epochsInTrainingFile, expectedEpochs, modelFileFor, resumesFromFile, type RnnTrialSettings } from './trials';

/**
 * How the full-protocol run is sized and regularised. The run options (`workers`, `redis`, `resultsFile`,
 * `execArgv`) are @dlkit/sweep's: where the RNN trainings run.
 */
export interface FullProtocolArgs extends Pick<RunSweepOptions, 'workers' | 'redis' | 'resultsFile' | 'execArgv'> {
  /** Folder with ptb.train.txt, ptb.valid.txt, ptb.test.txt. */
  data: string;
  /**
   * Hidden size of each RNN, in order (one entry per RNN; more than one adds the static mixture rows). The k-th RNN
   * with the same size and dropout gets seed `seed + k`, so `[200, 200, 400]` reuses a `[200, 200]` run's
   * checkpoints with `resume`.
   */
  hidden: readonly number[];
  seed: number;
  beta: number;
  /** Dropout before the output layer of each RNN (same length as `hidden`). */
  dropout: readonly number[];
  /**
   * rnnlm's `-min-improvement` of each RNN (same length as `hidden`): the validation gain factor below which the
   * learning rate starts halving, and below which, once halving, training stops.
   */
  minImprovement: readonly number[];
  /** Hash size of each RNN's direct n-gram connections (same length as `hidden`; 0: a plain RNN, more: an RNNME). */
  direct: readonly number[];
  /** Order of the direct connections of the RNNMEs (rnnlm's `-direct-order`). */
  directOrder: number;
  /** Frequency classes of each RNN's output layer (same length as `hidden`; rnnlm's `-class`, default 100). */
  classes: readonly number[];
  maxEpochs: number;
  dynamic: boolean;
  verbose: boolean;
  /** Folder where each trained RNN is saved; with `resume`, RNNs found there are loaded instead of retrained. */
  checkpoint?: string;
  /**
   * Folder of the trained RNNs when there is no `checkpoint` (dynamic evaluation loads the first one from there);
   * with Redis workers on other machines, a folder this process and every worker share.
   */
  models: string;
  resume: boolean;
  json?: string;
  /** Folder of the HTML report and of the run's record for the results page (`--out`; `latest.json`). */
  out: string;
  /** Label of the size (`default` or `full`), echoed in the output. */
  size: string;
}

/** Published perplexities on the standard PTB test set (Mikolov et al. 2011, "Empirical evaluation…"). */
export const PUBLISHED = { kn5: 141.2, rnn: 124.7, rnnKn5: 105.7, mixtureKn5: 95.5 } as const;

/**
 * Idle-machine training speed of rnnlm-0.4b's RNN with 100 classes measured by this example (tokens per
 * second at H=100 and H=200, see the README); the estimate scales between them by H².
 */
const SPEED = { 100: 52_700, 200: 20_600 } as const;

/**
 * Seconds per token the direct n-gram connections add to an RNN of any size (they do not touch the hidden layer):
 * the small protocol's RNNMEs trained at 44.8k / 18.7k tokens per CPU second at H=100 / H=200 against the plain
 * RNN's 52.7k / 20.6k, 3–5 µs more per token.
 */
const DIRECT_SECONDS_PER_TOKEN = 4e-6;

/**
 * Tokens per second expected at hidden size `h` on an idle core (interpolated in H², extrapolated beyond), for an
 * RNNME when `direct` > 0.
 */
export function expectedTokensPerSecond(h: number, direct = 0): number {
  // Cost per token ≈ a + b·H² (the recurrent and output-class products dominate).
  const c100 = 1 / SPEED[100];
  const c200 = 1 / SPEED[200];
  const b = (c200 - c100) / (200 * 200 - 100 * 100);
  const a = c100 - b * 100 * 100;
  return 1 / Math.max(a + b * h * h + (direct > 0 ? DIRECT_SECONDS_PER_TOKEN : 0), 1e-9);
}

/** rnnlm-0.4b's `-min-improvement`, the default schedule factor. */
export const RNNLM_MIN_IMPROVEMENT = 1.003;

/** One RNN of the run: its size, dropout, schedule factor, direct connections (0: none), classes and seed. */
export interface RnnPlanItem {
  hidden: number;
  dropout: number;
  minImprovement: number;
  direct: number;
  classes: number;
  seed: number;
}

/**
 * The RNNs a run trains, in the order of `hidden` (and `dropout`, `minImprovement`, `direct` and `classes`, one per
 * RNN; missing values are 0, rnnlm's 1.003, 0 and rnnlm's 100), each with its seed: the k-th RNN with the same size,
 * dropout, schedule factor, direct connections and classes gets seed `first + k` — identical models need different
 * seeds, different ones need not, so adding an RNN to a run keeps the seeds (and the checkpoints) of the RNNs it had.
 */
export function planRnns(
  hidden: readonly number[],
  dropout: readonly number[],
  first: number,
  minImprovement: readonly number[] = [],
  direct: readonly number[] = [],
  classes: readonly number[] = [],
): RnnPlanItem[] {
  const seen = new Map<string, number>();
  return hidden.map((h, i) => {
    const p = dropout[i] ?? 0;
    const m = minImprovement[i] ?? RNNLM_MIN_IMPROVEMENT;
    const d = direct[i] ?? 0;
    const c = classes[i] ?? RNNLM_CLASSES;
    const key = `${h}/${p}/${m}/${d}/${c}`;
    const k = seen.get(key) ?? 0;
    seen.set(key, k + 1);
    return { hidden: h, dropout: p, minImprovement: m, direct: d, classes: c, seed: first + k };
  });
}

/**
 * "4 RNNs H=200 and 1 RNN H=400 (dropout 0.25, min-improvement 1.001)" or "1 RNN H=200 and 1 RNNME H=200 (direct
 * 2000000)": the RNNs of a run, grouped in the order they first appear; the schedule factor and the classes are
 * named when they are not rnnlm's.
 */
export function describeSizes(plan: readonly RnnPlanItem[]): string {
  const counts = new Map<string, number>();
  for (const { hidden, dropout, minImprovement, direct, classes } of plan) {
    const extra = [
      ...(direct > 0 ? [`direct ${direct}`] : []),
      ...(classes !== RNNLM_CLASSES ? [`${classes} classes`] : []),
      ...(dropout > 0 ? [`dropout ${dropout}`] : []),
      ...(minImprovement !== RNNLM_MIN_IMPROVEMENT ? [`min-improvement ${minImprovement}`] : []),
    ];
    const kind = direct > 0 ? 'RNNME' : 'RNN';
    const key = `${kind} H=${hidden}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${n} ${n === 1 ? key : key.replace(/^(RNNME|RNN) /, '$1s ')}`).join(' and ');
}

/**
 * The RNN a run would report as its single model: the one with the lowest perplexity on the validation text
 * (the test text chooses nothing). Ties go to the earlier RNN.
 */
export function chosenOnValid<T extends { held: Float64Array }>(members: readonly T[]): T {
  if (members.length === 0) throw new RangeError('chosenOnValid: no RNNs to choose from');
  let best = members[0]!;
  let bestPerplexity = perplexityOf(best.held);
  for (const m of members.slice(1)) {
    const p = perplexityOf(m.held);
    if (p < bestPerplexity) {
      best = m;
      bestPerplexity = p;
    }
  }
  return best;
}

interface Row {
  model: string;
  testPerplexity: number;
  validPerplexity?: number;
  published?: number;
  tokensPerSecond?: number;
  tokensPerCpuSecond?: number;
  epochs?: number;
  weights?: number[];
  seconds: number;
}

/**
 * Runs KN5, the RNN(s), their KN5 mixtures and dynamic evaluation on the full protocol; prints a table. Dynamic
 * evaluation reports the RNN with the lowest valid perplexity alone and + KN5, and (with more than one RNN) the
 * mixture of every RNN evaluated dynamically + KN5.
 */
export async function runFullProtocol(args: FullProtocolArgs): Promise<void> {
  const log = (msg: string): void => {
    process.stderr.write(`${msg}\n`);
  };
  const clock = stopwatch();
  const corpus = await loadFullCorpus(args.data);
  const { vocab, train, heldOut: valid, test } = corpus;
  log(
    `PTB full protocol (${args.data}): train ${train.length} tokens, valid ${valid.length}, test ${test.length}, vocabulary ${vocab.size}`,
  );
  const plan = planRnns(args.hidden, args.dropout, args.seed, args.minImprovement, args.direct, args.classes);
  const settings = (dropout: number, minImprovement: number, classes: number) =>
    `β=${args.beta}, dropout ${dropout}, min-improvement ${minImprovement}${classes !== RNNLM_CLASSES ? `, ${classes} classes` : ''}`;
  // Each RNN is one trial; its model is saved (dynamic evaluation loads it; --resume loads it instead of training).
  const runs: RnnRun[] = [];
  for (const { hidden, dropout, minImprovement, direct, classes, seed } of plan) {
    const base: RnnTrialSettings = {
      protocol: 'full',
      data: args.data,
      hiddenSize: hidden,
      beta: args.beta,
      dropout,
      minImprovement,
      direct,
      directOrder: direct > 0 ? args.directOrder : 0,
      // Only when not rnnlm's: the settings name the model file, and earlier runs' files have no classes.
      ...(classes !== RNNLM_CLASSES ? { classes } : {}),
      maxEpochs: args.maxEpochs,
    };
    const kind = direct > 0 ? `RNNME H=${hidden} (direct ${direct}, order ${args.directOrder})` : `RNN H=${hidden}`;
    runs.push({
      id: `${kind} seed ${seed}, ${settings(dropout, minImprovement, classes)}`,
      settings: {
        ...base,
        modelFile: modelFileFor(args.checkpoint ?? args.models, base, seed),
        ...(args.resume ? { resume: true } : {}),
      },
      seed,
    });
  }
  // One expected speed per kind of RNN in the plan: an RNNME's direct part costs the same per token at any hash size.
  const speeds = [...new Map(plan.map((r) => [`${r.hidden} ${r.direct > 0}`, r])).values()].map(
    (r) =>
      `${Math.round(expectedTokensPerSecond(r.hidden, r.direct) / 1000)}k tokens/s expected at ${r.direct > 0 ? 'RNNME ' : ''}H=${r.hidden}`,
  );
  // Seconds one epoch of an RNN of size h (an RNNME with direct > 0) takes on an idle core: a training pass and a
  // validation pass.
  const perEpoch = (h: number, direct: number): number => {
    const tps = expectedTokensPerSecond(h, direct);
    return train.length / tps + valid.length / tps / 3;
  };
  // Local worker processes train RNNs side by side (as @dlkit/sweep sizes them: one per core by default);
  // two at once on this 2-core machine ran each at 93–98 % of one alone's speed. Redis workers: unknown.
  // With --resume, the RNNs whose model and report are in the folder are loaded, not trained: they cost nothing;
  // one with a training file goes on after its last epoch: of the epochs its schedule factor is expected to take
  // (expectedEpochs: ~13 at rnnlm's 1.003, ~20 at 1.001), those not done are left (≥ 1).
  const toTrain = runs.filter((r) => !resumesFromFile(r.settings));
  const done = new Map(toTrain.map((r) => [r, epochsInTrainingFile(r.settings)]));
  const continued = toTrain.filter((r) => (done.get(r) ?? 0) > 0);
  const epochsOf = (r: (typeof runs)[number]): number => expectedEpochs(r.settings.minImprovement, r.settings.maxEpochs);
  const perModel = (r: (typeof runs)[number]): number =>
    perEpoch(r.settings.hiddenSize, r.settings.direct) * Math.max(1, epochsOf(r) - (done.get(r) ?? 0));
  const epochCounts = [...new Set(runs.map(epochsOf))].sort((a, b) => a - b);
  const atOnce = args.redis !== undefined ? 1 : Math.max(1, Math.min(toTrain.length, args.workers ?? availableParallelism()));
  const oneCoreSeconds = toTrain.reduce((sum, r) => sum + perModel(r), 0);
  // Dynamic evaluation runs here, one RNN after another, on valid and test: measured at about half the
  // training speed per token (every token is a forward pass and an update).
  const dynamicSeconds = args.dynamic
    ? runs.reduce(
        (sum, r) => sum + ((valid.length + test.length) * 2) / expectedTokensPerSecond(r.settings.hiddenSize, r.settings.direct),
        0,
      )
    : 0;
  // Whole minutes, but a run that trains something never reads "0 min".
  const minutes = (seconds: number): number => Math.max(toTrain.length > 0 ? 1 : 0, Math.round(seconds / 60));
  const oneCore = minutes(oneCoreSeconds + dynamicSeconds);
  const wall = minutes(Math.max(oneCoreSeconds / atOnce, ...toTrain.map(perModel)) + dynamicSeconds);
  log(
    `plan (${args.size}): KN5, ${describeSizes(plan)} (${plan.every((r) => r.classes === RNNLM_CLASSES) ? `${RNNLM_CLASSES} classes, ` : ''}bptt 4, block 10, β ${args.beta}` +
      // describeSizes names the schedule factors that are not rnnlm's.
      `${plan.every((r) => r.minImprovement === RNNLM_MIN_IMPROVEMENT) ? `, min-improvement ${RNNLM_MIN_IMPROVEMENT}` : ''})` +
      `${args.dynamic ? ', dynamic evaluation' : ''}.\nestimated time ≈ ` +
      (atOnce > 1
        ? `${wall} min with ${atOnce} RNNs at once (${oneCore} min on one idle core; `
        : `${oneCore} min on an idle core (`) +
      `${speeds.join(', ')}, ~${epochCounts.join(' or ')} epochs each${epochCounts.length > 1 ? ' by min-improvement' : ''}` +
      `${args.dynamic ? `, then ${Math.round(dynamicSeconds / 60)} min of dynamic evaluation` : ''}; a busy machine takes longer)` +
      (toTrain.length < runs.length
        ? `; ${runs.length - toTrain.length} of ${runs.length} RNNs already in --checkpoint (loaded, not trained)`
        : '') +
      (continued.length > 0 ? `; ${continued.map((r) => `${r.id} resumes after epoch ${done.get(r)}`).join(', ')}` : ''),
  );

  const rows: Row[] = [];
  const t0 = performance.now();
  const kn = KneserNeyLm.train(train, vocab.size, { order: 5, eosId: vocab.eosId });
  const knSeconds = (performance.now() - t0) / 1000;
  const knScored = { held: kn.tokenProbabilities(valid), test: kn.tokenProbabilities(test) };
  rows.push({
    model: 'KN5 (interpolated modified Kneser-Ney)',
    testPerplexity: perplexityOf(knScored.test),
    validPerplexity: perplexityOf(knScored.held),
    published: PUBLISHED.kn5,
    seconds: knSeconds,
  });
  log(
    `KN5: test ${rows[0].testPerplexity.toFixed(2)}, valid ${rows[0].validPerplexity!.toFixed(2)} (${knSeconds.toFixed(1)} s; published ${PUBLISHED.kn5})`,
  );

  const trained =
    runs.length === 0
      ? undefined
      : await runRnnTrials('RNNs', runs, corpus, {
          sweep: 'rnnlm-full',
          workers: args.workers,
          redis: args.redis,
          resultsFile: args.resultsFile,
          execArgv: args.execArgv,
          // A full-size RNN trains for many minutes: its epochs are always shown (as before trials).
          verbose: true,
          log,
        });
  const members = trained?.trained ?? [];
  for (const t of members) {
    const { report } = t;
    rows.push({
      model: t.name,
      testPerplexity: perplexityOf(t.test),
      validPerplexity: perplexityOf(t.held),
      published: PUBLISHED.rnn,
      tokensPerSecond: report.tokensPerSecond,
      tokensPerCpuSecond: report.tokensPerCpuSecond,
      epochs: report.epochs.length,
      seconds: report.seconds,
    });
    const pair = tuneInterpolationWeights([t.held, knScored.held]);
    rows.push({
      model: `${t.name} + KN5 (λ=${pair.weights[0].toFixed(3)}, tuned on valid)`,
      testPerplexity: perplexityOf(interpolateProbabilities([t.test, knScored.test], pair.weights)),
      validPerplexity: pair.perplexity,
      published: PUBLISHED.rnnKn5,
      weights: pair.weights,
      seconds: 0,
    });
  }
  // The mixtures of the first k RNNs + KN5, k = 1 … N: its last point is the static mixture of them all.
  const staticCurve = members.length > 1 ? mixtureCurve(members, knScored) : [];
  const allStatic = staticCurve.at(-1);
  if (allStatic !== undefined) {
    rows.push({
      model: `static mixture of ${members.length} RNNs + KN5 (weights tuned on valid)`,
      testPerplexity: allStatic.testPerplexity,
      validPerplexity: allStatic.validPerplexity,
      published: PUBLISHED.mixtureKn5,
      weights: allStatic.weights,
      seconds: 0,
    });
    log(`static mixture + KN5 by number of RNNs (the first k of --hidden), test perplexity: ${describeCurve(staticCurve)}`);
  }
  let dynamicCurve: MixturePoint[] = [];
  const chosen = members.length > 0 ? chosenOnValid(members) : undefined;
  if (args.dynamic && chosen !== undefined) {
    // Every RNN evaluated dynamically, each from its trained weights, on valid (to tune the weights) and on test.
    const dynamic: { held: Float64Array; test: Float64Array; seconds: number }[] = [];
    for (const m of members) {
      const lm = await trainedModel(m);
      const d0 = performance.now();
      const held = evaluateDynamically(lm, valid, { alpha: 0.1, bptt: 4, bpttBlock: 10 });
      const scored = evaluateDynamically(lm, test, { alpha: 0.1, bptt: 4, bpttBlock: 10 });
      dynamic.push({ held, test: scored, seconds: (performance.now() - d0) / 1000 });
    }
    const best = members.indexOf(chosen);
    const { held: dynHeld, test: dynTest, seconds } = dynamic[best]!;
    const label = members.length > 1 ? `${chosen.name} (lowest valid)` : chosen.name;
    rows.push({
      model: `${label}, dynamic evaluation (α=0.1)`,
      testPerplexity: perplexityOf(dynTest),
      validPerplexity: perplexityOf(dynHeld),
      seconds,
    });
    const pair = tuneInterpolationWeights([dynHeld, knScored.held]);
    rows.push({
      model: `${label}, dynamic + KN5 (λ=${pair.weights[0].toFixed(3)})`,
      testPerplexity: perplexityOf(interpolateProbabilities([dynTest, knScored.test], pair.weights)),
      validPerplexity: pair.perplexity,
      weights: pair.weights,
      seconds,
    });
    if (members.length > 1) {
      dynamicCurve = mixtureCurve(dynamic, knScored);
      const all = dynamicCurve.at(-1)!;
      rows.push({
        model: `mixture of ${members.length} dynamic RNNs + KN5 (weights tuned on valid)`,
        testPerplexity: all.testPerplexity,
        validPerplexity: all.validPerplexity,
        weights: all.weights,
        seconds: dynamic.reduce((sum, d) => sum + d.seconds, 0),
      });
      log(`dynamic mixture + KN5 by number of RNNs (the first k of --hidden), test perplexity: ${describeCurve(dynamicCurve)}`);
    }
  }

  const header = ['model', 'test ppl', 'valid ppl', 'published', 'tokens/s (wall)', 'tokens/CPU s', 'epochs'];
  const lines = rows.map((r) => [
    r.model,
    r.testPerplexity.toFixed(1),
    r.validPerplexity?.toFixed(1) ?? '',
    r.published?.toFixed(1) ?? '',
    r.tokensPerSecond === undefined ? '' : `${(r.tokensPerSecond / 1000).toFixed(1)}k`,
    r.tokensPerCpuSecond === undefined ? '' : `${(r.tokensPerCpuSecond / 1000).toFixed(1)}k`,
    r.epochs?.toString() ?? '',
  ]);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
  const timing = clock.record();
  log(`total ${timing.total.toFixed(0)} s`);
  const html = rnnlmReportHtml({
    title: 'Mikolov RNN LM vs modified Kneser-Ney on the full Penn Treebank protocol',
    data:
      `Train: ptb.train.txt (${train.length} tokens); valid: ptb.valid.txt (${valid.length}: learning-rate schedule and ` +
      `every interpolation weight); test: ptb.test.txt (${test.length}); vocabulary ${vocab.size}; ${describeSizes(plan)}; ` +
      `seed ${args.seed}. Total ${timing.total.toFixed(0)} s.`,
    header,
    lines,
    mixtures: { static: staticCurve, dynamic: dynamicCurve, published: PUBLISHED.mixtureKn5 },
    ...(trained ? { trials: trialsTable([trained.phase]) } : {}),
    curves: members.map((m) => ({
      name: m.name,
      validPerplexity: m.report.epochs.map((e) => e.validPerplexity),
      trainPerplexity: m.report.epochs.map((e) => e.trainPerplexity),
    })),
  });
  const htmlPath = await writeFileAtomicText(
    join(args.out, `rnnlm-full-${new Date().toISOString().replace(/[:.]/g, '-')}.html`),
    html,
  );
  log(`report: ${htmlPath}`);
  if (args.json) {
    await writeJson(args.json, {
      protocol: {
        name: 'ptb-full',
        data: args.data,
        trainTokens: train.length,
        validTokens: valid.length,
        testTokens: test.length,
        vocabulary: vocab.size,
        size: args.size,
        seed: args.seed,
      },
      settings: {
        hidden: args.hidden,
        rnns: args.hidden.length,
        beta: args.beta,
        dropout: args.dropout,
        minImprovement: args.minImprovement,
        direct: args.direct,
        directOrder: args.directOrder,
        maxEpochs: args.maxEpochs,
        classes: args.classes,
        bptt: 4,
        bpttBlock: 10,
      },
      published: PUBLISHED,
      rows,
      // Test and valid perplexity and weights of the mixture of the first k RNNs + KN5, k = 1 … N.
      mixtureCurve: { static: staticCurve, dynamic: dynamicCurve },
      rnnEpochs: Object.fromEntries(members.map((m) => [m.name, m.report.epochs])),
      trials: trained ? trialsJson([trained.phase]) : [],
      environment: { node: process.version, platform: process.platform, arch: process.arch },
      timing,
      report_html: htmlPath,
    });
    log(`wrote ${args.json}`);
  }
  await recordLatestReport(args.out, {
    example: 'rnnlm',
    title: `RNN LM vs KN5 on the full PTB protocol (${train.length} training tokens), ${describeSizes(plan)}`,
    headline: {
      'KN5 test ppl (published 141.2)': rows[0].testPerplexity.toFixed(1),
      ...(chosen !== undefined
        ? {
            [`RNN H=${chosen.settings.hiddenSize}${members.length > 1 ? ' (lowest valid)' : ''} test ppl (published 124.7)`]:
              perplexityOf(chosen.test).toFixed(1),
            'RNN tokens/s': `${(chosen.report.tokensPerSecond / 1000).toFixed(1)}k`,
          }
        : {}),
      time: `${timing.total.toFixed(0)} s`,
    },
    html: htmlPath,
    ...(args.json === undefined ? {} : { json: args.json }),
  });
}
