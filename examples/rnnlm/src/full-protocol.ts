/**
 * The standard Penn Treebank protocol (Mikolov et al. 2011): train on ptb.train.txt (929 589 tokens), tune the
 * learning-rate schedule and the interpolation weights on ptb.valid.txt, report ptb.test.txt; the 10 000-word
 * vocabulary of `loadPtb` (`<unk>` included), `</s>` after each line counted in the perplexity.
 *
 * Published figures on these files: KN5 141.2, RNN 124.7, RNN + KN5 105.7, static mixture of RNNs + KN5 95.5.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPtb } from '@dlkit/datasets';
import {
  KneserNeyLm,
  RnnLm,
  buildFrequencyClasses,
  evaluateDynamically,
  interpolateProbabilities,
  loadLanguageModel,
  perplexityOf,
  rnnlmVocabularyOrder,
  saveLanguageModel,
  trainRnnLm,
  tuneInterpolationWeights,
  type RnnTrainReport,
} from '@dlkit/rnnlm';
import { recordLatestReport, stopwatch, writeJson } from '@dlkit-examples/common';

/** How the full-protocol run is sized and regularised. */
export interface FullProtocolArgs {
  /** Folder with ptb.train.txt, ptb.valid.txt, ptb.test.txt. */
  data: string;
  /** Hidden size of every RNN. */
  hidden: number;
  /** Number of RNNs (seeds seed, seed+1, …); more than one adds the static mixture rows. */
  rnns: number;
  seed: number;
  beta: number;
  dropout: number;
  minImprovement: number;
  maxEpochs: number;
  dynamic: boolean;
  verbose: boolean;
  /** Folder where each trained RNN is saved; with `resume`, RNNs found there are loaded instead of retrained. */
  checkpoint?: string;
  resume: boolean;
  json?: string;
  /** Where `latest.json` of the results page lives. */
  reports: string;
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

/** Tokens per second expected at hidden size `h` on an idle core (interpolated in H², extrapolated beyond). */
export function expectedTokensPerSecond(h: number): number {
  // Cost per token ≈ a + b·H² (the recurrent and output-class products dominate).
  const c100 = 1 / SPEED[100];
  const c200 = 1 / SPEED[200];
  const b = (c200 - c100) / (200 * 200 - 100 * 100);
  const a = c100 - b * 100 * 100;
  return 1 / Math.max(a + b * h * h, 1e-9);
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

/** Runs KN5, the RNN(s), their KN5 mixtures and dynamic evaluation on the full protocol; prints a table. */
export async function runFullProtocol(args: FullProtocolArgs): Promise<void> {
  const log = (msg: string): void => {
    process.stderr.write(`${msg}\n`);
  };
  const clock = stopwatch();
  const ptb = await loadPtb({ root: args.data, offline: true });
  const { vocabulary: vocab, train, valid, test } = ptb;
  log(
    `PTB full protocol (${args.data}): train ${train.length} tokens, valid ${valid.length}, test ${test.length}, vocabulary ${vocab.size}`,
  );
  const tps = expectedTokensPerSecond(args.hidden);
  const perModel = (train.length / tps) * 13 + (valid.length * 13) / tps / 3;
  log(
    `plan (${args.size}): KN5, ${args.rnns} RNN${args.rnns > 1 ? 's' : ''} H=${args.hidden} (100 classes, bptt 4, block 10, β ${args.beta}, dropout ${args.dropout}, min-improvement ${args.minImprovement})` +
      `${args.dynamic ? ', dynamic evaluation' : ''}.\nestimated time ≈ ${Math.ceil((perModel * args.rnns) / 60)} min on an idle core ` +
      `(${Math.round(tps / 1000)}k tokens/s expected at H=${args.hidden}, ~13 epochs each; a busy machine takes longer)`,
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

  const classes = buildFrequencyClasses(vocab.counts, Math.min(100, vocab.size), {
    order: rnnlmVocabularyOrder(train, vocab.size, vocab.eosId),
  });
  const settings = `β=${args.beta}, dropout ${args.dropout}, min-improvement ${args.minImprovement}`;
  interface Trained {
    name: string;
    lm: RnnLm;
    report: RnnTrainReport;
    held: Float64Array;
    test: Float64Array;
  }
  const members: Trained[] = [];
  for (let k = 0; k < args.rnns; k++) {
    const seed = args.seed + k;
    const name = `RNN H=${args.hidden} seed ${seed}, ${settings}`;
    const file = args.checkpoint
      ? join(args.checkpoint, `rnn-h${args.hidden}-seed${seed}-b${args.beta}-d${args.dropout}-m${args.minImprovement}.json`)
      : undefined;
    let lm: RnnLm;
    let report: RnnTrainReport;
    if (file && args.resume && existsSync(file) && existsSync(`${file}.report.json`)) {
      lm = (await loadLanguageModel(file)) as RnnLm;
      report = JSON.parse(readFileSync(`${file}.report.json`, 'utf8')) as RnnTrainReport;
      log(`${name}: loaded from ${file} (trained earlier)`);
    } else {
      lm = new RnnLm({ vocabSize: vocab.size, hiddenSize: args.hidden, classes, eosId: vocab.eosId, seed });
      const started = performance.now();
      report = trainRnnLm(lm, train, valid, {
        alpha: 0.1,
        beta: args.beta,
        dropout: args.dropout,
        seed,
        minImprovement: args.minImprovement,
        bptt: 4,
        bpttBlock: 10,
        maxEpochs: args.maxEpochs,
        onEpoch: (e) => {
          const elapsed = (performance.now() - started) / 1000;
          log(
            `  ${name} epoch ${e.epoch} α=${e.alpha.toPrecision(3)} train ${e.trainPerplexity.toFixed(1)} valid ${e.validPerplexity.toFixed(1)}${e.kept ? '' : ' (undone)'} ` +
              `${Math.round(e.tokensPerSecond)} tok/s, ${elapsed.toFixed(0)} s elapsed`,
          );
        },
      });
      if (file) {
        await saveLanguageModel(file, lm);
        await writeJson(`${file}.report.json`, report);
      }
    }
    const t: Trained = { name, lm, report, held: lm.tokenProbabilities(valid), test: lm.tokenProbabilities(test) };
    members.push(t);
    rows.push({
      model: name,
      testPerplexity: perplexityOf(t.test),
      validPerplexity: perplexityOf(t.held),
      published: PUBLISHED.rnn,
      tokensPerSecond: report.tokensPerSecond,
      tokensPerCpuSecond: report.tokensPerCpuSecond,
      epochs: report.epochs.length,
      seconds: report.seconds,
    });
    log(
      `${name}: test ${perplexityOf(t.test).toFixed(2)}, valid ${perplexityOf(t.held).toFixed(2)}, ${report.epochs.length} epochs, ${Math.round(report.tokensPerSecond)} tok/s, ${report.seconds.toFixed(0)} s`,
    );
    const pair = tuneInterpolationWeights([t.held, knScored.held]);
    rows.push({
      model: `${name} + KN5 (λ=${pair.weights[0].toFixed(3)}, tuned on valid)`,
      testPerplexity: perplexityOf(interpolateProbabilities([t.test, knScored.test], pair.weights)),
      validPerplexity: pair.perplexity,
      published: PUBLISHED.rnnKn5,
      weights: pair.weights,
      seconds: 0,
    });
  }
  if (members.length > 1) {
    const parts = [...members, knScored];
    const tuned = tuneInterpolationWeights(parts.map((p) => p.held));
    rows.push({
      model: `static mixture of ${members.length} RNNs + KN5 (weights tuned on valid)`,
      testPerplexity: perplexityOf(
        interpolateProbabilities(
          parts.map((p) => p.test),
          tuned.weights,
        ),
      ),
      validPerplexity: tuned.perplexity,
      published: PUBLISHED.mixtureKn5,
      weights: tuned.weights,
      seconds: 0,
    });
  }
  if (args.dynamic && members.length > 0) {
    const first = members[0];
    const d0 = performance.now();
    // Dynamic evaluation on valid first (to tune λ), then on test, each from the trained weights.
    const dynHeld = evaluateDynamically(first.lm, valid, { alpha: 0.1, bptt: 4, bpttBlock: 10 });
    const dynTest = evaluateDynamically(first.lm, test, { alpha: 0.1, bptt: 4, bpttBlock: 10 });
    const seconds = (performance.now() - d0) / 1000;
    rows.push({
      model: `${first.name}, dynamic evaluation (α=0.1)`,
      testPerplexity: perplexityOf(dynTest),
      validPerplexity: perplexityOf(dynHeld),
      seconds,
    });
    const pair = tuneInterpolationWeights([dynHeld, knScored.held]);
    rows.push({
      model: `${first.name}, dynamic + KN5 (λ=${pair.weights[0].toFixed(3)})`,
      testPerplexity: perplexityOf(interpolateProbabilities([dynTest, knScored.test], pair.weights)),
      validPerplexity: pair.perplexity,
      weights: pair.weights,
      seconds,
    });
  }

  const header = ['model', 'test ppl', 'valid ppl', 'published', 'tokens/s (wall)', 'tokens/CPU s', 'epochs'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => '---').join('|')}|`);
  for (const r of rows) {
    console.log(
      `| ${[
        r.model,
        r.testPerplexity.toFixed(1),
        r.validPerplexity?.toFixed(1) ?? '',
        r.published?.toFixed(1) ?? '',
        r.tokensPerSecond === undefined ? '' : `${(r.tokensPerSecond / 1000).toFixed(1)}k`,
        r.tokensPerCpuSecond === undefined ? '' : `${(r.tokensPerCpuSecond / 1000).toFixed(1)}k`,
        r.epochs?.toString() ?? '',
      ].join(' | ')} |`,
    );
  }
  const timing = clock.record();
  log(`total ${timing.total.toFixed(0)} s`);
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
        rnns: args.rnns,
        beta: args.beta,
        dropout: args.dropout,
        minImprovement: args.minImprovement,
        maxEpochs: args.maxEpochs,
        classes: 100,
        bptt: 4,
        bpttBlock: 10,
      },
      published: PUBLISHED,
      rows,
      rnnEpochs: Object.fromEntries(members.map((m) => [m.name, m.report.epochs])),
      environment: { node: process.version, platform: process.platform, arch: process.arch },
      timing,
    });
    log(`wrote ${args.json}`);
  }
  await recordLatestReport(args.reports, {
    example: 'rnnlm',
    title: `RNN LM vs KN5 on the full PTB protocol (${train.length} training tokens), ${members.length} RNN${members.length === 1 ? '' : 's'} H=${args.hidden}`,
    headline: {
      'KN5 test ppl (published 141.2)': rows[0].testPerplexity.toFixed(1),
      ...(members.length > 0
        ? {
            [`RNN H=${args.hidden} test ppl (published 124.7)`]: perplexityOf(members[0].test).toFixed(1),
            'RNN tokens/s': `${(members[0].report.tokensPerSecond / 1000).toFixed(1)}k`,
          }
        : {}),
      time: `${timing.total.toFixed(0)} s`,
    },
    ...(args.json === undefined ? {} : { json: args.json }),
  });
}
