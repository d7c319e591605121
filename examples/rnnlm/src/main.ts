/**
 * Mikolov's RNN LM against modified Kneser-Ney on Penn Treebank text, and their combinations.
 *
 * Protocol (issue 10): train on the first 90 % of the lines of ptb.valid.txt, use the last 10 % for
 * the learning-rate schedule and for tuning interpolation weights, evaluate on all of ptb.test.txt.
 * Vocabulary = training types plus </s>; every other word becomes <unk>; perplexity over all tokens,
 * </s> included.
 *
 *   pnpm --filter @dlkit-examples/rnnlm start -- [--data DIR] [--json FILE] [--out DIR] [--rnns N] [--big M]
 *                                    [--betas B,…] [--dropouts P,…] [--min-improvements F,…]
 *                                    [--direct D] [--direct-order K] [--rnnme N] [--rnnme-big M]
 *                                    [--seed S] [--max-epochs E] [--no-dynamic] [--verbose]
 *                                    [--workers N | --redis URL] [--results FILE] [--models DIR]
 *
 * First the RNN with rnnlm-0.4b's own settings (H=100 and H=200). Then the regularisation — L2 β, dropout
 * on the way to the output layer, and how long the learning rate keeps halving — is chosen on the
 * held-out text from a small grid of H=100 runs (never on the test text), and the mixture uses N RNNs
 * with H=100 and M with H=200 trained that way (seeds S, S+1, …). With direct connections (D > 0,
 * rnnlm-0.4b's `-direct D/10⁶ -direct-order K`), RNNME models are trained with rnnlm's settings.
 *
 * Every RNN training is a @dlkit/sweep trial (./trials): `--workers N` of them at once in local processes,
 * `--workers 0` in this process, or on `dlkit-worker` processes anywhere with `--redis URL`; the numbers are the
 * same every way.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRedisUrl, probeRedis } from '@dlkit/sweep';
import { exitOnError, parseCli, type Cli } from '@dlkit-examples/common';
import { RNNLM_CLASSES } from './corpus';
import { runFullProtocol, type FullProtocolArgs } from './full-protocol';
import { runSmallProtocol, type SmallProtocolArgs } from './small-protocol';

/** Where the results page (`pnpm results`) looks for this example's latest run. */

const USAGE = `Usage: rnnlm [options]
  --data DIR         PTB folder (default ../../../shared/data/ptb from this folder)
  --protocol P       full: train on ptb.train.txt, schedule/λ on ptb.valid.txt, test ptb.test.txt (the published
                     protocol; default when ptb.train.txt is in DIR); small: issue 10's 66k-token protocol (train on
                     90 % of ptb.valid.txt) with the grid, mixtures and RNNMEs below
 Full protocol:
  --full             the published-size run: 4 RNNs with H=200 + KN5 (default: 1 RNN H=100 + KN5, ≤ 15 min idle)
  --hidden H[,H…]    hidden size of the RNNs (default 100; --full 200), or one size per RNN (e.g. 400,200,200:
                     mixtures of sizes; the k-th RNN of a size gets seed S+k, so --resume reuses smaller runs' RNNs)
  --rnns N           number of RNNs, seeds S, S+1, … (default 1; --full 4; with a list, its length); ≥ 2 adds the
                     static mixture
  --beta B           L2 β (default 1e-7, rnnlm's)
  --dropout P[,P…]   dropout before the output (default 0), or one value per RNN (with --hidden's list)
  --min-improvement F[,F…]  validation gain below which α halves (default 1.003, rnnlm's), or one per RNN
  --direct D[,D…]    hash size of each RNN's direct n-gram connections (default 0: plain RNNs), or one per RNN:
                     D > 0 makes it an RNNME (rnnlm-0.4b's -direct D/10⁶), e.g. 0,0,2000000; order --direct-order K
                     (default 3)
  --classes C[,C…]   frequency classes of each RNN's output layer (default 100, rnnlm's -class), or one per RNN:
                     e.g. 100,50 mixes RNNs whose softmax is factored differently (the estimate assumes 100)
  --checkpoint DIR   save each trained RNN there; --resume loads the RNNs already trained instead of retraining
 Small protocol:
  --rnns N           RNNs with H=100 in the mixture (default 4; seeds S, S+1, …)
  --big M            RNNs with H=200 in the mixture (default 2)
  --betas B,…        L2 β values of the held-out grid (default 1e-7,1e-3; 1e-7 is rnnlm's)
  --dropouts P,…     dropout values of the grid (default 0,0.25; 0 is rnnlm's)
  --min-improvements F,…
                     minimum validation gain factors of the grid (default 1.003,1; 1.003 is rnnlm's -min-improvement,
                     1 keeps halving the learning rate while validation improves at all)
  --seed S           first seed (default 1)
  --direct D         hash size of the RNNME direct n-gram connections (default 2000000 = rnnlm's -direct 2; 0: no RNNME rows)
  --direct-order K   order of the direct connections (default 3 = rnnlm's -direct-order 3)
  --rnnme N          RNNME models with H=100 in the RNNME mixture (default 2; seeds S, S+1, …)
  --rnnme-big M      RNNME models with H=200 in the RNNME mixture (default 1)
  --max-epochs E     epoch limit of each RNN (default 50; the learning-rate schedule usually stops earlier)
  --no-dynamic       skip dynamic evaluation
  --verbose          print every RNN epoch on stderr
  --out DIR          folder of the HTML report and of the run's record for pnpm results, latest.json (default ./reports)
  --json FILE        write every figure, the tuned weights and each RNN's epochs as JSON
 Where the RNNs train (both protocols; each RNN is one trial, one thread):
  --workers N        RNN trainings at once, each in its own process (default: cores / 1 thread per trial);
                     0 trains them one after another in this process
  --redis URL        train them on dlkit-worker processes through Redis (any machine with this checkout and the data
                     at the same path): pnpm --filter @dlkit-examples/rnnlm worker -- --redis URL
  --results FILE     JSON lines of every finished trial; a re-run skips the trials already there
  --models DIR       folder where the trials save the RNNs that dynamic evaluation and the cross-check load
                     (default OUT/models; full protocol: the --checkpoint DIR, else OUT/models;
                     with --redis, a folder every worker and this process share)
  -h, --help         this text`;

/**
 * `--hidden`, `--dropout`, `--min-improvement` and `--rnns` of the full protocol as one size, one dropout and one
 * schedule factor per RNN: a list of more than one value sets the number of RNNs (lists must agree), a single
 * value applies to every RNN.
 */
function rnnSpecs(
  cli: Cli,
  full: boolean,
): { hidden: number[]; dropout: number[]; minImprovement: number[]; direct: number[]; classes: number[] } {
  const hidden = cli.numbers('hidden', [full ? 200 : 100]);
  if (hidden.some((h) => !Number.isInteger(h) || h <= 0)) cli.die('--hidden takes positive integers, e.g. 200 or 400,200,200');
  const dropout = cli.numbers('dropout', [0]);
  if (dropout.some((p) => p < 0 || p >= 1)) cli.die('--dropout must be in [0, 1) (one value, or one per RNN)');
  const minImprovement = cli.numbers('min-improvement', [1.003]);
  if (minImprovement.some((f) => !(f >= 1))) cli.die('--min-improvement must be ≥ 1 (one value, or one per RNN)');
  const classes = cli.numbers('classes', [RNNLM_CLASSES]);
  if (classes.some((c) => !Number.isInteger(c) || c < 2))
    cli.die("--classes takes integers ≥ 2 (rnnlm's -class; default 100), one value or one per RNN");
  const direct = cli.numbers('direct', [0]);
  const lists = (
    [
      ['--hidden', hidden],
      ['--dropout', dropout],
      ['--min-improvement', minImprovement],
      ['--direct', direct],
      ['--classes', classes],
    ] as [string, number[]][]
  ).filter(([, v]) => v.length > 1);
  for (const [flag, values] of lists.slice(1))
    if (values.length !== lists[0][1].length)
      cli.die(`${lists[0][0]} lists ${lists[0][1].length} RNNs and ${flag} ${values.length}: give one value or one per RNN`);
  let count = cli.int('rnns', full ? 4 : 1, 0);
  if (lists.length > 0) {
    const [flag, values] = lists[0];
    if (cli.str('rnns') !== undefined && count !== values.length)
      cli.die(`--rnns ${cli.str('rnns')} disagrees with the ${values.length} values of ${flag} ${cli.str(flag.slice(2))}`);
    count = values.length;
  }
  const each = (v: number[]) => Array.from({ length: count }, (_, i) => (v.length > 1 ? v[i] : v[0]));
  const perRnn = {
    hidden: each(hidden),
    dropout: each(dropout),
    minImprovement: each(minImprovement),
    direct: each(direct),
    classes: each(classes),
  };
  // RnnLm's own limit: the class and word parts of the direct weights need 2·classes slots at least.
  const bad = perRnn.direct.findIndex((d, i) => !Number.isInteger(d) || (d !== 0 && d < 2 * perRnn.classes[i]));
  if (bad >= 0) {
    const c = perRnn.classes[bad];
    cli.die(`--direct takes 0 (a plain RNN) or a hash size ≥ ${2 * c} (2 × the ${c} classes), one value or one per RNN`);
  }
  return perRnn;
}

function parseArgs(): SmallProtocolArgs | { protocol: 'full'; full: FullProtocolArgs } {
  const here = dirname(fileURLToPath(import.meta.url));
  const cli = parseCli('rnnlm', USAGE, {
    protocol: { type: 'string' },
    full: { type: 'boolean' },
    hidden: { type: 'string' },
    beta: { type: 'string' },
    dropout: { type: 'string' },
    'min-improvement': { type: 'string' },
    checkpoint: { type: 'string' },
    resume: { type: 'boolean' },
    data: { type: 'string' },
    rnns: { type: 'string' },
    big: { type: 'string' },
    'max-epochs': { type: 'string' },
    direct: { type: 'string' },
    'direct-order': { type: 'string' },
    classes: { type: 'string' },
    rnnme: { type: 'string' },
    'rnnme-big': { type: 'string' },
    'no-dynamic': { type: 'boolean' },
    verbose: { type: 'boolean' },
    betas: { type: 'string' },
    dropouts: { type: 'string' },
    'min-improvements': { type: 'string' },
    workers: { type: 'string' },
    redis: { type: 'string' },
    results: { type: 'string' },
    models: { type: 'string' },
  });
  const workers = cli.str('workers') === undefined ? undefined : cli.int('workers', 1, 0);
  const redis = cli.str('redis');
  if (redis !== undefined && workers !== undefined)
    cli.die('--workers and --redis exclude each other: with --redis, the dlkit-worker processes train the RNNs');
  if (redis !== undefined) {
    try {
      parseRedisUrl(redis);
    } catch (error) {
      cli.die(`--redis: ${(error as Error).message}`);
    }
  }
  const results = cli.str('results');
  const run = {
    ...(workers === undefined ? {} : { workers }),
    ...(redis === undefined ? {} : { redis }),
    ...(results === undefined ? {} : { resultsFile: resolve(results) }),
  };
  const data = resolve(cli.str('data') ?? resolve(here, '../../../../shared/data/ptb'));
  const protocol = cli.choice(
    'protocol',
    ['full', 'small'] as const,
    existsSync(resolve(data, 'ptb.train.txt')) ? 'full' : 'small',
  );
  // The report, the record of the run for `pnpm results` (latest.json) and the models without --checkpoint.
  const out = resolve(cli.str('out') ?? 'reports');
  if (protocol === 'full') {
    const full = cli.flag('full');
    if (cli.flag('resume') && !cli.str('checkpoint')) cli.die('--resume needs --checkpoint DIR');
    return {
      protocol,
      full: {
        data,
        size: full ? 'full' : 'default',
        ...rnnSpecs(cli, full),
        directOrder: cli.int('direct-order', 3, 1),
        seed: cli.int('seed', 1, 0),
        beta: cli.float('beta', 1e-7, 0),
        maxEpochs: cli.int('max-epochs', 50),
        dynamic: !cli.flag('no-dynamic'),
        verbose: cli.flag('verbose'),
        ...(cli.str('checkpoint') ? { checkpoint: resolve(cli.str('checkpoint') as string) } : {}),
        models: resolve(cli.str('models') ?? join(out, 'models')),
        resume: cli.flag('resume'),
        ...(cli.str('json') ? { json: resolve(cli.str('json') as string) } : {}),
        out,
        ...run,
      },
    };
  }
  const betas = cli.numbers('betas', [1e-7, 1e-3]);
  const dropouts = cli.numbers('dropouts', [0, 0.25]);
  const minImprovements = cli.numbers('min-improvements', [1.003, 1]);
  if (betas.some((b) => b < 0)) cli.die('--betas: every β must be ≥ 0');
  if (dropouts.some((p) => p < 0 || p >= 1)) cli.die('--dropouts: every dropout must be in [0, 1)');
  if (minImprovements.some((f) => f < 1)) cli.die('--min-improvements: every factor must be ≥ 1');
  const json = cli.str('json');
  return {
    protocol,
    data,
    ...(json === undefined ? {} : { json: resolve(json) }),
    out,
    models: resolve(cli.str('models') ?? join(out, 'models')),
    ...run,
    rnns: cli.int('rnns', 4),
    big: cli.int('big', 2),
    direct: cli.int('direct', 2_000_000, 0),
    directOrder: cli.int('direct-order', 3, 1),
    rnnme: cli.int('rnnme', 2, 1),
    rnnmeBig: cli.int('rnnme-big', 1, 1),
    seed: cli.int('seed', 1, 0),
    betas,
    dropouts,
    minImprovements,
    maxEpochs: cli.int('max-epochs', 50),
    dynamic: !cli.flag('no-dynamic'),
    verbose: cli.flag('verbose'),
  };
}

async function main(): Promise<void> {
  const parsed = parseArgs();
  const redis = parsed.protocol === 'full' ? parsed.full.redis : parsed.redis;
  // An unreachable Redis fails now (within seconds), not after the data and KN5 are done.
  if (redis !== undefined) await probeRedis(parseRedisUrl(redis));
  if (parsed.protocol === 'full') await runFullProtocol(parsed.full);
  else await runSmallProtocol(parsed);
}

main().catch(
  exitOnError('rnnlm', {
    // The loader's hint is for library users (`{ download: true }`); on this command line the answer is --data.
    dataHint: {
      ptb:
        '--data DIR takes the folder with ptb.train.txt, ptb.valid.txt and ptb.test.txt (--protocol small reads only ' +
        'ptb.valid.txt and ptb.test.txt)',
    },
  }),
);
