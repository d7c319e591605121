import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { RnnLm, saveRnnTraining, trainRnnLmEpochs } from '@dlkit/rnnlm';
import { parseRedisUrl, probeRedis } from '@dlkit/sweep';
import { afterAll, describe, expect, it } from 'vitest';
import { loadFullCorpus, rnnlmClasses } from '../src/corpus';
import { rnnlmRecipe, trainingFileFor } from '../src/trials';
import { corpus } from './helpers';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'rnnlm-example-'));
// A run records itself in its --out folder (for `pnpm results`): the record of the user's last real run, in the
// default folder, must survive the tests' runs.
const PACKAGE_LATEST = join(HERE, 'reports', 'latest.json');
const packageRecord = () => (existsSync(PACKAGE_LATEST) ? readFileSync(PACKAGE_LATEST, 'utf8') : undefined);
const packageRecordBefore = packageRecord();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 300_000,
  });
}

interface Row {
  model: string;
  testPerplexity: number;
  heldOutPerplexity?: number;
  weights?: number[];
}

/** Where and how long a trial ran, as the JSON lists it. */
interface TrialEntry {
  id: string;
  status: string;
  mode: string;
  where: { host: string; pid: number; worker: string };
  seconds: number;
}

/** The JSON without what depends on when and where it ran (wall times, speeds, the trial list, the report's path). */
function numbersOf(file: string): unknown {
  const drop = /^(seconds|tokensPerSecond|tokensPerCpuSecond|timing|report_html|trials|environment)$/;
  const clean = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(clean)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k]) => !drop.test(k))
              .map(([k, x]) => [k, clean(x)]),
          )
        : v;
  return clean(JSON.parse(readFileSync(file, 'utf8')));
}

describe('examples/rnnlm (tiny generated corpus)', () => {
  writeFileSync(join(dir, 'ptb.valid.txt'), corpus(700, 1));
  writeFileSync(join(dir, 'ptb.test.txt'), corpus(150, 2));
  // The small protocol at its smallest; every RNN is a trial (2 grid-phase sweeps' worth).
  const small = (json: string, ...more: string[]) => [
    '--data',
    dir,
    '--json',
    json,
    '--out',
    join(dir, 'reports'),
    '--rnns',
    '2',
    '--big',
    '1',
    '--max-epochs',
    '3',
    '--betas',
    '1e-7,1e-3',
    '--dropouts',
    '0,0.25',
    '--min-improvements',
    '1.003',
    '--direct',
    '1000',
    '--rnnme',
    '1',
    '--rnnme-big',
    '1',
    ...more,
  ];
  const results = join(dir, 'trials.jsonl');

  it('runs the protocol end to end: KN5, rnnlm settings, the held-out grid, combinations, RNNME, dynamic; writes JSON', () => {
    const json = join(dir, 'out.json');
    const r = run(small(json, '--workers', '2', '--results', results));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('| KN5 (interpolated modified Kneser-Ney) |');
    expect(r.stdout).toContain('Regularisation grid');
    const out = JSON.parse(readFileSync(json, 'utf8')) as {
      trials: { phase: string; mode: string; trials: TrialEntry[] }[];
      report_html: string;
    };
    // Every training was a trial in its own process: the reference RNNs, 3 grid points, 2 RNNMEs; then the
    // mixture's second H=100 seed with the chosen settings (and the H=200 RNN when the choice is not rnnlm's).
    expect(out.trials.map((p) => p.phase)).toEqual(['reference, grid, RNNME', 'chosen settings']);
    const trials = out.trials.flatMap((p) => p.trials);
    expect(out.trials[0]!.trials).toHaveLength(7);
    for (const t of trials) {
      expect(t.status).toBe('ok');
      expect(t.mode).toBe('local');
      expect(t.where.pid).not.toBe(process.pid);
      expect(t.where.worker).toMatch(/^local-\d+$/);
      expect(t.seconds).toBeGreaterThan(0);
    }
    expect(new Set(trials.map((t) => t.where.pid)).size).toBe(trials.length);
    expect(r.stderr).toMatch(/sweep rnnlm-small: 7 trials \(7 run, 0 reused/);
    expect(readFileSync(results, 'utf8').trim().split('\n')).toHaveLength(trials.length);
    const html = readFileSync(out.report_html, 'utf8');
    expect(html).toContain('Trials: where and how long each RNN trained');
  }, 300_000);

  it('gives every figure of the run identically in this process (--workers 0) and from the results file (no trial re-run)', () => {
    const inline = join(dir, 'out-inline.json');
    const r = run(small(inline, '--workers', '0'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('in this process');
    expect(numbersOf(inline)).toEqual(numbersOf(join(dir, 'out.json')));
    const resumed = join(dir, 'out-resumed.json');
    const again = run(small(resumed, '--results', results));
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/sweep rnnlm-small: 7 trials \(0 run, 7 reused/);
    expect(again.stderr).toContain('(finished earlier, not run again)');
    expect(numbersOf(resumed)).toEqual(numbersOf(join(dir, 'out.json')));
    // A model the results file points at but that is gone: a clear error at once, naming the trial and the file.
    const models = join(dir, 'reports', 'models');
    const gone = readdirSync(models).find(
      (f) => f.startsWith('rnn-h100-seed1-') && f.endsWith('.json') && !f.includes('report'),
    )!;
    rmSync(join(models, gone));
    const broken = run(small(join(dir, 'never.json'), '--results', results));
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain(join(models, gone));
    expect(broken.stderr).toContain('remove the results file');
    expect(broken.stderr).not.toContain('RNN H=200 dynamic');
  }, 300_000);

  it('gives the same figures through a redis-server and two dlkit-worker processes (the worker script)', async () => {
    const port = await new Promise<number>((done, fail) => {
      const server = createServer();
      server.once('error', fail);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
      });
    });
    const url = `redis://127.0.0.1:${port}`;
    const started: ChildProcess[] = [];
    const stop = (p: ChildProcess) =>
      new Promise<void>((done) => {
        if (p.exitCode !== null || p.signalCode !== null) return done();
        p.once('exit', () => done());
        p.kill('SIGTERM');
      });
    try {
      started.push(
        spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
          stdio: 'ignore',
        }),
      );
      for (let tries = 0; ; tries++) {
        try {
          await probeRedis(parseRedisUrl(url), 1000);
          break;
        } catch (error) {
          if (tries > 50) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      // What `pnpm worker --redis URL` runs: dlkit-worker with tsx, from this package's folder.
      const workerCli = join(HERE, 'node_modules/@dlkit/sweep/dist/worker-cli.js');
      for (const name of ['w1', 'w2']) {
        started.push(
          spawn(process.execPath, ['--import', 'tsx', workerCli, '--redis', url, '--name', name, '--quiet'], {
            cwd: HERE,
            stdio: 'ignore',
          }),
        );
      }
      const json = join(dir, 'out-redis.json');
      const r = await new Promise<{ status: number | null; stderr: string }>((done) => {
        const p = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...small(json, '--redis', url)], { cwd: HERE });
        let stderr = '';
        p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        p.stdout.resume();
        p.on('exit', (status) => done({ status, stderr }));
      });
      expect(r.status, r.stderr).toBe(0);
      expect(numbersOf(json)).toEqual(numbersOf(join(dir, 'out.json')));
      const out = JSON.parse(readFileSync(json, 'utf8')) as { trials: { mode: string; trials: TrialEntry[] }[] };
      const trials = out.trials.flatMap((p) => p.trials);
      expect(trials.every((t) => t.mode === 'redis' && ['w1', 'w2'].includes(t.where.worker))).toBe(true);
    } finally {
      for (const p of started.reverse()) await stop(p);
    }
  }, 300_000);

  it('refuses --workers with --redis, and an unreachable Redis, with a clear message', () => {
    const both = run(['--data', dir, '--workers', '2', '--redis', 'redis://127.0.0.1:1']);
    expect(both.status).not.toBe(0);
    expect(both.stderr).toContain('--workers and --redis exclude each other');
    const bad = run(small(join(dir, 'never.json'), '--redis', 'http://localhost:6379'));
    expect(bad.status).toBe(2); // a usage error, like every bad flag
    expect(bad.stderr).toContain('--redis: ');
    expect(bad.stderr).toContain('received "http:"');
    expect(bad.stderr).not.toContain('KN5: test'); // refused before any work
    // Nothing listens on port 1: a clear error within seconds, not a wait for workers that never come.
    const t0 = performance.now();
    const unreachable = run(small(join(dir, 'never.json'), '--redis', 'redis://127.0.0.1:1'));
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr).toContain('redis://127.0.0.1:1');
    expect(unreachable.stderr).toContain('ECONNREFUSED');
    expect(unreachable.stderr).not.toContain('KN5: test');
    expect(performance.now() - t0).toBeLessThan(60_000);
  }, 120_000);

  it('keeps the old checks of the grid: one chosen point, on held-out perplexity', () => {
    const json = join(dir, 'out.json');
    const out = JSON.parse(readFileSync(json, 'utf8')) as {
      rows: Row[];
      grid: (Row & { chosen: boolean; settings: { beta: number; dropout: number; minImprovement: number } })[];
    };
    const names = out.rows.map((row) => row.model);
    expect(names[0]).toBe('KN5 (interpolated modified Kneser-Ney)');
    expect(names).toContain("RNN H=100 seed 1, rnnlm-0.4b's settings");
    for (const row of out.rows) expect(Number.isFinite(row.testPerplexity) && row.testPerplexity > 1, row.model).toBe(true);
    for (const row of out.rows.filter((x) => x.weights)) expect(row.weights!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // The grid: 2 β × 2 dropouts × 1 min-improvement, one chosen — the lowest held-out perplexity, never the test's.
    expect(out.grid).toHaveLength(4);
    const chosen = out.grid.filter((g) => g.chosen);
    expect(chosen).toHaveLength(1);
    expect(chosen[0].heldOutPerplexity).toBe(Math.min(...out.grid.map((g) => g.heldOutPerplexity!)));
    const chosenRow = out.rows.find((row) => row.model.endsWith('(chosen on held-out)'))!;
    expect(chosenRow.testPerplexity).toBe(chosen[0].testPerplexity);
    expect(names.some((n) => /^mixture of all \d+ RNNs of this run \+ KN5$/.test(n))).toBe(true);
    expect(names.some((n) => n.startsWith('RNNME H=100'))).toBe(true);
    expect(names).toContain('mixture of 3 dynamic RNNs + KN5'); // the chosen H=100 and H=200 and one more seed
  }, 300_000);

  it('refuses bad grid values and a folder without the PTB files with a clear message', () => {
    const bad = run(['--data', dir, '--dropouts', '0,1']);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('--dropouts');
    const missing = run(['--data', join(dir, 'nowhere')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('rnnlm: Penn Treebank file not found');
    expect(missing.stderr).toContain(`file: ${join(dir, 'nowhere', 'ptb.valid.txt')}`);
    expect(missing.stderr).toContain('hint: --data DIR takes the folder with ptb.train.txt');
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('examples/rnnlm --protocol full (generated ptb.train/valid/test files)', () => {
  const full = join(dir, 'full');
  const ck = join(dir, 'full-ck');
  const args = (json: string) => [
    '--data',
    full,
    '--hidden',
    '8',
    '--rnns',
    '2',
    '--max-epochs',
    '2',
    '--checkpoint',
    ck,
    '--json',
    json,
    '--out',
    join(dir, 'full-reports'),
  ];
  interface CurvePoint {
    members: number;
    testPerplexity: number;
    validPerplexity: number;
    weights: number[];
  }
  interface FullOut {
    protocol: { name: string; trainTokens: number; validTokens: number; testTokens: number };
    rows: (Row & { validPerplexity?: number; published?: number })[];
    mixtureCurve: { static: CurvePoint[]; dynamic: CurvePoint[] };
  }

  it('trains on ptb.train.txt, tunes on ptb.valid.txt, reports ptb.test.txt, next to the published figures', () => {
    mkdirSync(full, { recursive: true });
    // Like the real files, the training text holds <unk> (every word of valid/test must have a training count).
    writeFileSync(
      join(full, 'ptb.train.txt'),
      corpus(700, 1)
        .split('\n')
        .map((l, i) => (i % 7 === 0 ? `${l} <unk> ` : l))
        .join('\n'),
    );
    writeFileSync(join(full, 'ptb.valid.txt'), corpus(120, 4));
    writeFileSync(join(full, 'ptb.test.txt'), corpus(150, 5));
    const json = join(dir, 'full.json');
    const r = run(args(json));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('PTB full protocol');
    expect(r.stderr).toMatch(/estimated time ≈ \d+ min/);
    const out = JSON.parse(readFileSync(json, 'utf8')) as FullOut;
    expect(out.protocol.name).toBe('ptb-full');
    // loadPtb appends </s> to each of the 700 training lines (4–6 words each).
    expect(out.protocol.trainTokens).toBeGreaterThan(700 * 4);
    const names = out.rows.map((row) => row.model);
    expect(names[0]).toBe('KN5 (interpolated modified Kneser-Ney)');
    expect(out.rows[0].published).toBe(141.2);
    expect(names.filter((n) => /^RNN H=8 seed \d, /.test(n) && !n.includes('+'))).toHaveLength(3); // 2 RNNs + its dynamic row
    expect(names.some((n) => n.startsWith('static mixture of 2 RNNs + KN5'))).toBe(true);
    expect(names.some((n) => n.includes('dynamic + KN5'))).toBe(true);
    // Dynamic evaluation reports the RNN with the lower valid perplexity, and mixes both RNNs evaluated dynamically.
    const single = out.rows.filter((row) => /^RNN H=8 seed \d, [^+]*$/.test(row.model) && !row.model.includes('dynamic'));
    const lowest = single.reduce((a, b) => (b.validPerplexity! < a.validPerplexity! ? b : a));
    const dynamicRow = out.rows.find((row) => row.model.endsWith('(lowest valid), dynamic evaluation (α=0.1)'));
    expect(dynamicRow?.model.startsWith(`${lowest.model} (lowest valid)`)).toBe(true);
    const dynamicMix = out.rows.find((row) => row.model === 'mixture of 2 dynamic RNNs + KN5 (weights tuned on valid)');
    expect(dynamicMix?.weights).toHaveLength(3);
    expect(r.stderr).toMatch(/then \d+ min of dynamic evaluation/);
    // The mixtures of the first k RNNs + KN5: k = 1 is the first RNN's + KN5 row, k = 2 the static mixture row.
    const curve = out.mixtureCurve.static;
    expect(curve.map((p) => p.members)).toEqual([1, 2]);
    const firstPair = out.rows.find((row) => /^RNN H=8 seed 1, [^\n]* \+ KN5 \(λ=/.test(row.model));
    expect(curve[0].testPerplexity).toBe(firstPair?.testPerplexity);
    const staticMix = out.rows.find((row) => row.model.startsWith('static mixture of 2 RNNs + KN5'));
    expect([curve[1].testPerplexity, curve[1].weights]).toEqual([staticMix?.testPerplexity, staticMix?.weights]);
    expect(out.mixtureCurve.dynamic.at(-1)?.testPerplexity).toBe(dynamicMix?.testPerplexity);
    expect(r.stderr).toContain(
      `static mixture + KN5 by number of RNNs (the first k of --hidden), test perplexity: 1: ${curve[0].testPerplexity.toFixed(1)}, 2: ${curve[1].testPerplexity.toFixed(1)}`,
    );
    // The HTML report: the table, the mixture chart and the two per-epoch charts.
    const htmlPath = (JSON.parse(readFileSync(json, 'utf8')) as { report_html: string }).report_html;
    expect(r.stderr).toContain(`report: ${htmlPath}`);
    const page = readFileSync(htmlPath, 'utf8');
    expect(page).toContain('full Penn Treebank protocol');
    expect(page).toContain('How the mixture grows with its RNNs');
    expect(page.match(/<svg /g)).toHaveLength(3);
    // Recorded for `pnpm results` in the --out folder, not in the example's own reports/.
    const record = JSON.parse(readFileSync(join(dir, 'full-reports', 'latest.json'), 'utf8')) as {
      example: string;
      html: string;
    };
    expect(record.example).toBe('rnnlm');
    expect(resolve(join(dir, 'full-reports'), record.html)).toBe(htmlPath);
    expect(packageRecord()).toBe(packageRecordBefore);
    for (const row of out.rows) expect(Number.isFinite(row.testPerplexity) && row.testPerplexity > 1, row.model).toBe(true);
    for (const row of out.rows.filter((x) => x.weights)) expect(row.weights!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  }, 300_000);

  it('--resume loads the RNNs already trained instead of retraining them, to the same perplexities', () => {
    const first = JSON.parse(readFileSync(join(dir, 'full.json'), 'utf8')) as FullOut;
    const json = join(dir, 'full-resumed.json');
    const r = run([...args(json), '--resume']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr.match(/loaded from/g)).toHaveLength(2);
    // The estimate counts only what will train: nothing.
    expect(r.stderr).toContain('estimated time ≈ 0 min');
    expect(r.stderr).toContain('2 of 2 RNNs already in --checkpoint (loaded, not trained)');
    const again = JSON.parse(readFileSync(json, 'utf8')) as FullOut;
    expect(again.rows.map((x) => x.testPerplexity)).toEqual(first.rows.map((x) => x.testPerplexity));
  }, 300_000);

  it('--resume continues an RNN killed mid-training after its last saved epoch, to the same perplexities', async () => {
    const first = JSON.parse(readFileSync(join(dir, 'full.json'), 'utf8')) as FullOut;
    // The second RNN (seed 2) as a run killed in its epoch 2 leaves it: no model, the training file after epoch 1.
    const killed = join(dir, 'full-ck-killed');
    cpSync(ck, killed, { recursive: true });
    const model = readdirSync(killed).find((f) => /^rnn-h8-seed2-[0-9a-f]{12}\.json$/.test(f));
    if (model === undefined) throw new Error(`no seed-2 model in ${killed}`);
    rmSync(join(killed, model));
    rmSync(join(killed, `${model}.report.json`));
    const c = await loadFullCorpus(full);
    const lm = new RnnLm({ vocabSize: c.vocab.size, hiddenSize: 8, classes: rnnlmClasses(c), eosId: c.vocab.eosId, seed: 2 });
    const recipe = rnnlmRecipe({ beta: 1e-7, dropout: 0, minImprovement: 1.003, maxEpochs: 2 }, 2);
    const [afterEpoch1] = trainRnnLmEpochs(lm, c.train, c.heldOut, recipe);
    await saveRnnTraining(trainingFileFor(join(killed, model)), lm, afterEpoch1);
    const json = join(dir, 'full-killed.json');
    const r = run([...args(json).map((a) => (a === ck ? killed : a)), '--resume', '--verbose']);
    expect(r.status, r.stderr).toBe(0);
    // Only epoch 2 trains.
    expect(r.stderr.match(/RNN H=8 seed 2, [^\n]* epoch \d\/2 /g)).toEqual([
      'RNN H=8 seed 2, β=1e-7, dropout 0, min-improvement 1.003 epoch 2/2 ',
    ]);
    expect(r.stderr).toContain(
      '1 of 2 RNNs already in --checkpoint (loaded, not trained); RNN H=8 seed 2, β=1e-7, dropout 0, min-improvement 1.003 resumes after epoch 1',
    );
    const again = JSON.parse(readFileSync(json, 'utf8')) as FullOut;
    expect(again.rows.map((x) => x.testPerplexity)).toEqual(first.rows.map((x) => x.testPerplexity));
    expect(readdirSync(killed).filter((f) => f.endsWith('.training.json'))).toEqual([]);
  }, 300_000);

  it('mixes RNNs of several sizes: --hidden 8,8,12 --resume loads the two H=8 RNNs and trains only the H=12 one', () => {
    const first = JSON.parse(readFileSync(join(dir, 'full.json'), 'utf8')) as FullOut;
    const json = join(dir, 'full-mixed.json');
    const r = run(
      [...args(json).filter((a, i, all) => a !== '--rnns' && all[i - 1] !== '--rnns'), '--resume'].map((a, i, all) =>
        all[i - 1] === '--hidden' ? '8,8,12' : a,
      ),
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('2 RNNs H=8 and 1 RNN H=12');
    expect(r.stderr).toContain('2 of 3 RNNs already in --checkpoint (loaded, not trained)');
    expect(r.stderr.match(/loaded from/g)).toHaveLength(2);
    const out = JSON.parse(readFileSync(json, 'utf8')) as FullOut;
    const names = out.rows.map((row) => row.model);
    // The H=12 RNN is the first of its size: seed 1, like the first H=8 one.
    expect(names.filter((n) => /^RNN H=12 seed 1, /.test(n) && !n.includes('+') && !n.includes('dynamic'))).toHaveLength(1);
    const mixture = out.rows.find((row) => row.model.startsWith('static mixture of 3 RNNs + KN5'));
    expect(mixture?.weights).toHaveLength(4);
    // The loaded RNNs score as they did when they were trained.
    const h8 = (rows: FullOut['rows']) =>
      rows.filter((row) => /^RNN H=8 seed \d, [^+]*$/.test(row.model) && !row.model.includes('dynamic'));
    expect(h8(out.rows).map((row) => row.testPerplexity)).toEqual(h8(first.rows).map((row) => row.testPerplexity));
    // More models in the mixture never fit valid worse than the 2-RNN mixture (the log-likelihood is concave in the weights; weight 0 on the new one is a candidate).
    const mix2 = first.rows.find((row) => row.model.startsWith('static mixture of 2 RNNs'))!;
    expect(mixture!.validPerplexity!).toBeLessThanOrEqual(mix2.validPerplexity! * 1.001);
  }, 300_000);

  it('refuses --rnns that disagrees with a list of --hidden sizes', () => {
    const r = run(['--data', full, '--hidden', '8,12', '--rnns', '3']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--rnns 3 disagrees with the 2 values of --hidden 8,12');
    const lists = run(['--data', full, '--hidden', '8,12', '--dropout', '0,0.25,0.5']);
    expect(lists.status).toBe(2);
    expect(lists.stderr).toContain('--hidden lists 2 RNNs and --dropout 3');
    const factors = run(['--data', full, '--dropout', '0,0.25', '--min-improvement', '1.003,1.001,1']);
    expect(factors.status).toBe(2);
    expect(factors.stderr).toContain('--dropout lists 2 RNNs and --min-improvement 3');
    const below = run(['--data', full, '--min-improvement', '0.99']);
    expect(below.status).toBe(2);
    expect(below.stderr).toContain('--min-improvement must be ≥ 1');
  });

  it('--dropout 0,0.25 mixes a regularised RNN with an unregularised one of the same size and seed', () => {
    const json = join(dir, 'full-dropouts.json');
    const r = run([
      ...args(json).filter((a, i, all) => a !== '--rnns' && all[i - 1] !== '--rnns'),
      '--dropout',
      '0,0.25',
      '--resume',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('1 RNN H=8 and 1 RNN H=8 (dropout 0.25)');
    expect(r.stderr.match(/loaded from/g)).toHaveLength(1); // the unregularised seed-1 RNN of the first run
    const names = (JSON.parse(readFileSync(json, 'utf8')) as FullOut).rows.map((row) => row.model);
    expect(names).toContain('RNN H=8 seed 1, β=1e-7, dropout 0.25, min-improvement 1.003');
    expect(names.some((n) => n.startsWith('static mixture of 2 RNNs + KN5'))).toBe(true);
  }, 300_000);

  it("--direct 0,100000 mixes the first run's RNN with an RNNME of the same size, trained with direct n-gram connections", () => {
    const json = join(dir, 'full-direct.json');
    const r = run([
      ...args(json).filter((a, i, all) => a !== '--rnns' && all[i - 1] !== '--rnns'),
      '--direct',
      '0,100000',
      '--direct-order',
      '2',
      '--resume',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('1 RNN H=8 and 1 RNNME H=8 (direct 100000)');
    // The estimate names each kind's speed: the RNNME's direct part makes it slower per token.
    expect(r.stderr).toMatch(/(\d+)k tokens\/s expected at H=8, (\d+)k tokens\/s expected at RNNME H=8,/);
    const [, rnnSpeed, rnnmeSpeed] =
      /(\d+)k tokens\/s expected at H=8, (\d+)k tokens\/s expected at RNNME H=8/.exec(r.stderr) ?? [];
    expect(Number(rnnmeSpeed)).toBeLessThan(Number(rnnSpeed));
    expect(r.stderr.match(/loaded from/g)).toHaveLength(1); // the plain seed-1 RNN of the first run
    const out = JSON.parse(readFileSync(json, 'utf8')) as FullOut & { settings: { direct: number[]; directOrder: number } };
    expect(out.settings).toMatchObject({ direct: [0, 100_000], directOrder: 2 });
    const names = out.rows.map((row) => row.model);
    const rnnme = 'RNNME H=8 (direct 100000, order 2) seed 1, β=1e-7, dropout 0, min-improvement 1.003';
    expect(names).toContain(rnnme);
    expect(names.some((n) => n.startsWith('static mixture of 2 RNNs + KN5'))).toBe(true);
    // Its model file is an RNNME's, beside the plain RNN's in --checkpoint, so a later --resume loads it too.
    expect(readdirSync(ck).some((f) => /^rnnme-h8-seed1-.*\.json$/.test(f))).toBe(true);
    const again = run([
      ...args(join(dir, 'full-direct-again.json')).filter((a, i, all) => a !== '--rnns' && all[i - 1] !== '--rnns'),
      ...['--direct', '0,100000', '--direct-order', '2', '--resume'],
    ]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain('2 of 2 RNNs already in --checkpoint (loaded, not trained)');
    const row = (o: FullOut) => o.rows.find((x) => x.model === rnnme)?.testPerplexity;
    expect(row(JSON.parse(readFileSync(join(dir, 'full-direct-again.json'), 'utf8')) as FullOut)).toBe(row(out));
  }, 300_000);

  it("--classes 100,10 mixes the first run's RNN with one whose softmax has 10 frequency classes", () => {
    const json = join(dir, 'full-classes.json');
    const r = run([
      ...args(json).filter((a, i, all) => a !== '--rnns' && all[i - 1] !== '--rnns'),
      ...['--classes', '100,10', '--resume'],
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('KN5, 1 RNN H=8 and 1 RNN H=8 (10 classes) (bptt 4');
    // The 100-class RNN keeps its model file name: the first run's is loaded, not retrained.
    expect(r.stderr.match(/loaded from/g)).toHaveLength(1);
    const out = JSON.parse(readFileSync(json, 'utf8')) as FullOut & { settings: { classes: number[] } };
    expect(out.settings.classes).toEqual([100, 10]);
    const names = out.rows.map((row) => row.model);
    expect(names).toContain('RNN H=8 seed 1, β=1e-7, dropout 0, min-improvement 1.003, 10 classes');
    expect(names.some((n) => n.startsWith('static mixture of 2 RNNs + KN5'))).toBe(true);
    // The two differ: the 10-class RNN is its own model, not the 100-class one under another name.
    const test = (name: string) => out.rows.find((x) => x.model === name)?.testPerplexity;
    expect(test('RNN H=8 seed 1, β=1e-7, dropout 0, min-improvement 1.003, 10 classes')).not.toBe(
      test('RNN H=8 seed 1, β=1e-7, dropout 0, min-improvement 1.003'),
    );
  }, 300_000);

  it('refuses --classes below 2 and a --direct hash size too small for the classes', () => {
    const few = run(['--data', full, '--classes', '1']);
    expect(few.status).toBe(2);
    expect(few.stderr).toContain('--classes takes integers ≥ 2');
    const r = run(['--data', full, '--direct', '0,50']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--direct takes 0 (a plain RNN) or a hash size ≥ 200 (2 × the 100 classes)');
    const small = run(['--data', full, '--classes', '100,300', '--direct', '0,500']);
    expect(small.status).toBe(2);
    expect(small.stderr).toContain('--direct takes 0 (a plain RNN) or a hash size ≥ 600 (2 × the 300 classes)');
  });

  it('--min-improvement 1.003,1.001 gives each RNN its own schedule factor (the rnnlm one is loaded from the first run)', () => {
    const json = join(dir, 'full-factors.json');
    const r = run([
      ...args(json).filter((a, i, all) => a !== '--rnns' && all[i - 1] !== '--rnns'),
      '--min-improvement',
      '1.003,1.001',
      '--resume',
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('1 RNN H=8 and 1 RNN H=8 (min-improvement 1.001)');
    expect(r.stderr.match(/loaded from/g)).toHaveLength(1);
    const names = (JSON.parse(readFileSync(json, 'utf8')) as FullOut).rows.map((row) => row.model);
    expect(names).toContain('RNN H=8 seed 1, β=1e-7, dropout 0, min-improvement 1.001');
    expect(names).toContain('RNN H=8 seed 1, β=1e-7, dropout 0, min-improvement 1.003');
  }, 300_000);

  it('refuses --resume without --checkpoint', () => {
    const r = run(['--data', full, '--resume']);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('--resume needs --checkpoint DIR');
  });
});

describe('examples/rnnlm: a --data folder it cannot use', () => {
  it('names the missing PTB file of the full protocol, with what --data takes in place of the loader hint', () => {
    const folder = join(dir, 'train-only');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'ptb.train.txt'), 'a b c\n');
    const r = run(['--data', folder]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rnnlm: Penn Treebank file not found');
    expect(r.stderr).toContain(`file: ${join(folder, 'ptb.valid.txt')}`);
    expect(r.stderr).toContain('hint: --data DIR takes the folder with ptb.train.txt, ptb.valid.txt and ptb.test.txt');
    expect(r.stderr).not.toContain('download: true');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['full', 'small'])('names an empty PTB file (--protocol %s) before KN5 is built', (protocol) => {
    const folder = join(dir, `empty-${protocol}`);
    mkdirSync(folder, { recursive: true });
    for (const split of ['train', 'valid', 'test']) writeFileSync(join(folder, `ptb.${split}.txt`), '');
    const r = run(['--data', folder, '--protocol', protocol]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('rnnlm: Penn Treebank text without words');
    expect(r.stderr).toContain(`file: ${join(folder, protocol === 'full' ? 'ptb.train.txt' : 'ptb.valid.txt')}`);
    expect(r.stderr).toContain('hint: --data DIR');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('KN5: test');
  });
});

describe('examples/rnnlm and the record of the last real run', () => {
  it("leaves the example's own reports/latest.json as it was: every run above wrote to its --out folder", () => {
    expect(packageRecord()).toBe(packageRecordBefore);
  });
});
