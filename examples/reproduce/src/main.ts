/**
 * The whole reproduction as one sweep: every example's full-size real-data run (or, with --quick, its
 * smallest size on generated stand-ins), the plan and expected time first, resumable, on this machine or on
 * dlkit-worker processes through Redis, into one results page.
 *
 *   pnpm reproduce -- --data ../shared/data [--redis URL | --workers N] [--only LIST] [--estimate-only]
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '@dlkit/core/node';
import { defineSweep, runSweep, SweepError } from '@dlkit/sweep';
import { exitOnError, parseCli } from '@dlkit-examples/common';
import { CATALOGUE } from './catalogue/index';
import { measureEstimates } from './measure';
import { DEFAULT_FASHION, dataPaths, userPath } from './paths';
import { duration, formatPlan, planExperiments } from './plan';
import { prepareQuickData } from './quick-data';
import { assembleResults } from './results';
import { resultsPageHtml } from './results-page';
import { quote } from './command-line';
import type { Command } from './experiment';
import { DEFAULT_GRACE_MS } from './guarded-spawn';
import { interruptedMessage, signalExitCode, stopOnSignals } from './stop-on-signal';
import { chainBroken, wrapperChain } from './wrapper-chain';
import { EXPERIMENT_TRIAL, type ExperimentTrialSettings } from './trials';

const USAGE = `Usage: reproduce [options]   (pnpm reproduce -- [options] at the repository root)
  --data DIR          the real data: DIR/cifar10/cifar10-jpg.tar.gz (or the binary batches in
                      DIR/cifar10/cifar-10-batches-bin) and DIR/ptb/ptb.{train,valid,test}.txt
  --fashion DIR       full Fashion-MNIST IDX files (default ${DEFAULT_FASHION})
  --only LIST         experiments to run, comma-separated (default all): ${CATALOGUE.map((e) => e.id).join(', ')}
  --estimate-only     print the plan (commands, expected time each and in total, skipped experiments) and stop
  --no-measure        expected times from the catalogue only (default: examples with their own --estimate-only,
                      cifar-cnn, time a few batches first)
  --quick             every experiment at its smallest size on generated stand-in data (a set-up check, minutes)
  --workers N         experiments at once on this machine (default cores / 2); 0 runs them in this process
  --redis URL         run the experiments on dlkit-worker processes through Redis (any machine with this
                      checkout and the data at the same paths):
                      pnpm --filter @dlkit-examples/reproduce worker -- --redis URL
  --python PATH       Python 3 with torch for the PyTorch peer (default /usr/bin/python3)
  --out DIR           the reproduce folder (default examples/reproduce/reports/full, --quick: …/quick): per
                      experiment its JSON, report, checkpoints and log; trials.jsonl (what is finished: a re-run
                      skips it), results.json and results.html
  --json FILE         also write the results JSON here
  -h, --help          this text`;

async function main(): Promise<void> {
  const cli = parseCli('reproduce', USAGE, {
    data: { type: 'string' },
    fashion: { type: 'string' },
    only: { type: 'string' },
    'estimate-only': { type: 'boolean' },
    'no-measure': { type: 'boolean' },
    quick: { type: 'boolean' },
    workers: { type: 'string' },
    redis: { type: 'string' },
    python: { type: 'string' },
  });
  const quick = cli.flag('quick');
  const here = dirname(fileURLToPath(import.meta.url));
  const out = cli.str('out') ? userPath(cli.str('out') as string) : resolve(here, '..', 'reports', quick ? 'quick' : 'full');
  const fashion = userPath(cli.str('fashion') ?? DEFAULT_FASHION);
  const python = cli.str('python') ?? '/usr/bin/python3';
  const workers = cli.str('workers') === undefined ? undefined : cli.int('workers', 1, 0);
  const redis = cli.str('redis');
  if (redis !== undefined && workers !== undefined)
    cli.die('--workers and --redis exclude each other (start more workers instead)');
  const only =
    cli.str('only') === undefined
      ? undefined
      : cli.list(
          'only',
          [],
          CATALOGUE.map((e) => e.id),
        );
  const data = cli.str('data');
  if (!quick && data === undefined) {
    console.error('reproduce: no --data DIR given: every experiment that reads CIFAR-10 or PTB is skipped (see the plan)');
  }
  mkdirSync(out, { recursive: true });
  const paths = quick
    ? await prepareQuickData(join(out, 'stand-in'), fashion)
    : dataPaths(data === undefined ? undefined : userPath(data), fashion);

  const plan = planExperiments({ paths, quick, out, python, ...(only ? { only } : {}) });
  if (!quick && !cli.flag('no-measure')) await measureEstimates(plan, python);
  console.log(formatPlan(plan, { quick, python, ...(redis ? { workers: 'Redis' } : workers !== undefined ? { workers } : {}) }));
  if (cli.flag('estimate-only')) return;

  const runnable = plan.filter((p) => p.command);
  const sweep = () =>
    defineSweep({
      name: quick ? 'reproduce-quick' : 'reproduce',
      trials: runnable.map((p) => ({
        id: p.experiment.id,
        trial: EXPERIMENT_TRIAL,
        seed: 1,
        settings: {
          experiment: p.experiment.id,
          command: p.command as Command,
          log: join(p.dir, 'log.txt'),
          python,
        } satisfies ExperimentTrialSettings as never,
      })),
    });
  const reusedKeys = new Set<string>();
  const recorded = new Set<string>();
  const resultsFile = join(out, 'trials.jsonl');
  const chain = wrapperChain();
  // Redis mode: the workers run the experiments and stop on their own signals; this process only waits.
  const stop =
    redis || runnable.length === 0
      ? undefined
      : stopOnSignals(
          (signal) =>
            console.error(
              `\nreproduce: ${signal === 'SIGHUP' ? 'SIGHUP or the pnpm/tsx process it runs under is gone' : signal}: stopping the running experiments (their whole process trees; SIGKILL after ${DEFAULT_GRACE_MS / 1000} s) …`,
            ),
          () => chainBroken(chain),
        );
  let report: Awaited<ReturnType<typeof runSweep>> | undefined;
  try {
    report =
      runnable.length === 0
        ? undefined
        : await runSweep(sweep(), {
            ...(redis ? { redis } : { workers }),
            ...(stop ? { signal: stop.signal } : {}),
            resultsFile,
            resolveFrom: resolve(here, '..'),
            onProgress: (e) =>
              console.log(
                `  [${e.id}] ${e.epoch}/${e.epochs}, ${duration(e.elapsed)} so far, ETA ${duration(e.eta)} (${e.worker})`,
              ),
            onResult: (r, done) => {
              if (done.reused) reusedKeys.add(r.key);
              recorded.add(r.id);
              const how = done.reused
                ? 'finished in an earlier run, reused'
                : r.status === 'ok'
                  ? 'done'
                  : `FAILED: ${r.error?.message.split('\n')[0]}`;
              console.log(`[${done.finished}/${done.total}] ${r.id}: ${how} (${duration(r.seconds)})`);
            },
          });
  } catch (e) {
    const signal = stop?.received();
    if (signal === undefined || !(e instanceof SweepError) || e.code !== 'ABORTED') throw e;
    const ids = Array.isArray(e.received) ? (e.received as string[]) : [];
    const interrupted = runnable.filter((p) => ids.includes(p.experiment.id));
    const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
    console.error(
      interruptedMessage({
        signal,
        interrupted: interrupted.map((p) => ({ id: p.experiment.id, log: join(p.dir, 'log.txt') })),
        notStarted: runnable.length - recorded.size - interrupted.length,
        resultsFile,
        resume: `pnpm reproduce -- ${args.map(quote).join(' ')}`.trimEnd(),
      }),
    );
    process.exit(signalExitCode(signal));
  } finally {
    stop?.dispose();
  }
  const results = assembleResults({ plan, report, reusedKeys, quick, paths });
  const jsonText = `${JSON.stringify(results, null, 2)}\n`;
  await writeFileAtomic(join(out, 'results.json'), jsonText);
  if (cli.str('json')) await writeFileAtomic(userPath(cli.str('json') as string), jsonText);
  await writeFileAtomic(join(out, 'results.html'), resultsPageHtml(results));
  console.log('');
  for (const c of results.claims) {
    const f = (v: number | null) =>
      v === null
        ? '—'
        : c.unit === 'accuracy'
          ? `${(v * 100).toFixed(1)} %`
          : c.unit === 'perplexity'
            ? v.toFixed(1)
            : v.toFixed(4);
    console.log(
      `${c.experiment}: ${c.what}: seed ${f(c.seed)}, dlkit ${f(c.dlkit)}${c.pytorch !== null ? `, PyTorch ${f(c.pytorch)}` : ''} → ${c.met === null ? '—' : c.met ? 'met' : 'not met'}`,
    );
  }
  const failed = results.experiments.filter((x) => x.status === 'failed');
  for (const x of failed) console.error(`failed: ${x.id}: ${x.error}`);
  console.log(`results: ${join(out, 'results.html')}\njson: ${join(out, 'results.json')}`);
  if (failed.length > 0) process.exitCode = 1;
}

// A bad flag or folder, a --redis or trials.jsonl the sweep cannot use: one message naming it, no stack.
main().catch(exitOnError('reproduce'));
