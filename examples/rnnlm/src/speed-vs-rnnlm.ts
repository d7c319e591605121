/**
 * Training speed of dlkit's RNN next to Mikolov's rnnlm tool on the same PTB files, in one run: one epoch of
 * ptb.train.txt each, with rnnlm-0.4b's settings (100 classes, bptt 4, block 10, α 0.1, β 1e-7), one after the
 * other on this machine. The rnnlm binary is the user's own build (`make` in its source folder); nothing of it is
 * part of this repository.
 *
 *   pnpm --filter @dlkit-examples/rnnlm speed -- --data …/ptb --rnnlm …/rnnlm-0.4b/rnnlm [--hidden 200] [--json FILE]
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { RnnLm, trainRnnLm } from '@dlkit/rnnlm';
import { parseCli, writeJson } from '@dlkit-examples/common';
import { loadFullCorpus, rnnlmClasses } from './corpus';

const USAGE = `Usage: speed-vs-rnnlm --data DIR --rnnlm BIN [options]
  --data DIR     folder with ptb.train.txt, ptb.valid.txt, ptb.test.txt
  --rnnlm BIN    an rnnlm executable built from Mikolov's source (rnnlm-0.4b: make)
  --hidden H     hidden size of both (default 200)
  --seed N       dlkit's weight seed and rnnlm's -rand-seed (default 1)
  --json FILE    write the figures as JSON`;

/** rnnlm's last progress line of a training pass: "…TRAIN entropy: 5.73  Words/sec: 14786.4". */
export function rnnlmWordsPerSecond(output: string): number {
  const all = [...output.matchAll(/Words\/sec:\s*([0-9.]+)/g)];
  if (all.length === 0) throw new Error(`rnnlm printed no "Words/sec:" figure; its output ends with: ${output.slice(-300)}`);
  return Number(all[all.length - 1][1]);
}

async function main(): Promise<void> {
  const cli = parseCli('speed-vs-rnnlm', USAGE, {
    data: { type: 'string' },
    rnnlm: { type: 'string' },
    hidden: { type: 'string' },
  });
  const data = cli.str('data') ?? cli.die('--data DIR is required');
  const bin = cli.str('rnnlm') ?? cli.die('--rnnlm BIN is required');
  if (!existsSync(bin)) cli.die(`--rnnlm must name an rnnlm executable, got ${JSON.stringify(bin)}`);
  const hidden = cli.int('hidden', 200);
  const seed = cli.int('seed', 1);
  const corpus = await loadFullCorpus(resolve(data));
  console.log(`data: ${resolve(data)} (${corpus.train.length} training tokens), H=${hidden}, one epoch each, one thread each`);

  const model = new RnnLm({
    vocabSize: corpus.vocab.size,
    hiddenSize: hidden,
    classes: rnnlmClasses(corpus),
    eosId: corpus.vocab.eosId,
    seed,
  });
  const dlkit = trainRnnLm(model, corpus.train, corpus.heldOut, { maxEpochs: 1 });
  console.log(
    `dlkit:  ${dlkit.tokensPerSecond.toFixed(0)} tokens/s (${dlkit.tokensPerCpuSecond.toFixed(0)} per CPU s), valid ppl ${dlkit.epochs[0].validPerplexity.toFixed(1)}`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'rnnlm-speed-'));
  const t0 = performance.now();
  const args = ['-train', resolve(data, 'ptb.train.txt'), '-valid', resolve(data, 'ptb.valid.txt'), '-rnnlm', join(dir, 'model')];
  args.push(
    '-hidden',
    String(hidden),
    '-rand-seed',
    String(seed),
    '-debug',
    '2',
    '-class',
    '100',
    '-bptt',
    '4',
    '-bptt-block',
    '10',
    '-one-iter',
  );
  let output: string;
  try {
    const r = await promisify(execFile)(bin, args, { maxBuffer: 64 << 20 });
    output = r.stdout + r.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const wall = (performance.now() - t0) / 1000;
  const rnnlm = rnnlmWordsPerSecond(output);
  console.log(`rnnlm:  ${rnnlm.toFixed(0)} words/s (its own figure), ${wall.toFixed(0)} s for the pass and its validation`);
  console.log(`dlkit / rnnlm training speed: ${(dlkit.tokensPerSecond / rnnlm).toFixed(2)}×`);
  const json = cli.str('json');
  if (json !== undefined) {
    await writeJson(json, {
      data: resolve(data),
      hidden,
      seed,
      dlkit: {
        tokensPerSecond: dlkit.tokensPerSecond,
        tokensPerCpuSecond: dlkit.tokensPerCpuSecond,
        validPerplexity: dlkit.epochs[0].validPerplexity,
      },
      rnnlm: { binary: resolve(bin), wordsPerSecond: rnnlm, seconds: wall },
      ratio: dlkit.tokensPerSecond / rnnlm,
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
