#!/usr/bin/env node
/**
 * Trains the small ConvNet the page ships with, through the mnist-convnet example, into public/model/:
 *
 *   model.json + model.weights.bin   the tfjs layers model (mnist-convnet --save; the shipped one has weights.bin)
 *   meta.json                  the input normalisation (training mean/std, as mnist-convnet standardises),
 *                              the class names and the measured test accuracy
 *
 *   pnpm --filter @dlkit-examples/web-digits prepare-model [-- --nstates 16,32,64 --epochs 2 --seed 1]
 *
 * The mean/std come from the preprocessing.json mnist-convnet writes next to the model it saves.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

const USAGE = 'Usage: prepare-model [--nstates A,B,C] [--epochs N] [--seed N] [--out DIR]';
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();
let values;
try {
  ({ values } = parseArgs({
    args,
    options: {
      nstates: { type: 'string', default: '16,32,64' },
      epochs: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: join(root, 'public', 'model') },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (e) {
  // An unknown flag or a flag without its value: say which, as the examples do, not parseArgs' stack trace.
  console.error(`prepare-model: ${e.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const out = resolve(values.out);
const work = mkdtempSync(join(tmpdir(), 'web-digits-model-'));
const run = (cmd, argv, cwd, capture = false) => {
  const r = spawnSync(cmd, argv, { cwd, stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8' });
  if (r.status !== 0) {
    console.error(`prepare-model: ${cmd} ${argv.join(' ')} failed (exit ${r.status ?? r.signal})`);
    // process.exit skips the `finally` below: remove the work folder here.
    rmSync(work, { recursive: true, force: true });
    process.exit(1);
  }
  return r.stdout;
};

try {
  // 1. Train and save through the example, exactly as a user would.
  const saveDir = join(work, 'model');
  const jsonFile = join(work, 'run.json');
  run(
    'pnpm',
    [
      '--filter',
      '@dlkit-examples/mnist-convnet',
      'start',
      '--',
      '--nstates',
      values.nstates,
      '--epochs',
      values.epochs,
      '--seed',
      values.seed,
      '--save',
      saveDir,
      '--json',
      jsonFile,
      '--out',
      join(work, 'reports'),
    ],
    root,
  );
  const summary = JSON.parse(readFileSync(jsonFile, 'utf8'));

  // 2. The normalisation mnist-convnet applied, as it saved it next to the model.
  const prep = JSON.parse(readFileSync(join(saveDir, 'preprocessing.json'), 'utf8'));
  rmSync(join(saveDir, 'preprocessing.json'));

  // 3. Move the files into place and describe them.
  mkdirSync(out, { recursive: true });
  // The previous model's files go first: saveModel names the weights after the model file (model.weights.bin),
  // so an older weights.bin would otherwise linger and be counted.
  for (const stale of ['model.json', 'weights.bin', 'model.weights.bin']) rmSync(join(out, stale), { force: true });
  for (const f of readdirSync(saveDir)) renameSync(join(saveDir, f), join(out, f));
  const bytes = readdirSync(out)
    .filter((f) => f !== 'meta.json')
    .reduce((s, f) => s + statSync(join(out, f)).size, 0);
  const meta = {
    inputShape: prep.inputShape,
    pixelScale: prep.pixelScale,
    normalization: prep.normalization,
    classNames: prep.classNames,
    training: {
      command: `pnpm --filter @dlkit-examples/mnist-convnet start -- --nstates ${values.nstates} --epochs ${values.epochs} --seed ${values.seed} --save DIR`,
      model: summary.model,
      parameters: summary.parameters,
      epochs: Number(values.epochs),
      trainSamples: summary.trainSamples,
      testSamples: summary.testSamples,
      testAccuracy: summary.accuracy,
      engine: summary.engine,
      trainSeconds: summary.timing?.train,
      modelBytes: bytes,
    },
  };
  writeFileSync(join(out, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  console.log(
    `model: ${out} (${(bytes / 1024).toFixed(0)} KiB, ${summary.parameters} parameters, test accuracy ${(summary.accuracy * 100).toFixed(2)} %)`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
