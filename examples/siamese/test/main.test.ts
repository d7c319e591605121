import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { isInstalled } from '@dlkit-examples/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMargin } from '../src/setting-run';
import { writeTinyClassifierCheckpoint, writeTinyFashionMnist } from './helpers';

const HERE = resolve(__dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'siamese-example-'));
const data = join(dir, 'fashion-mnist');
const ck = join(dir, 'checkpoints');
// A run records itself in its --out folder (for `pnpm results`): the record of the user's last real run, in the
// default folder, must survive the tests' runs.
const PACKAGE_LATEST = join(HERE, 'out', 'latest.json');
const packageRecord = () => (existsSync(PACKAGE_LATEST) ? readFileSync(PACKAGE_LATEST, 'utf8') : undefined);
const packageRecordBefore = packageRecord();

beforeAll(async () => {
  await writeTinyFashionMnist(data, 20, 10); // 200 training, 100 test images
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: HERE,
    encoding: 'utf8',
    timeout: 120_000,
  });
}

/** The whole experiment in a few seconds: 6 steps of 8 pairs, 20 held-out pairs, 100 test embeddings, one thread. */
const TINY = [
  '--root',
  data,
  '--steps',
  '6',
  '--batch-size',
  '8',
  '--eval-every',
  '2',
  '--eval-pairs',
  '20',
  '--test',
  '100',
  '--tsne',
  '60',
  '--threads',
  '1',
];
const SETTINGS = ['form 1 + anchor', 'form 2 + anchor', 'form 2 + random'];
const SLUGS = ['form-1-anchor', 'form-2-anchor', 'form-2-random'];

interface Evaluation {
  step: number;
  trainLoss: number | null;
  evalLoss: number | null;
  elapsedMs: number;
}
interface Result {
  setting: string;
  form: string;
  strategy: string;
  svmAccuracy: number;
  svmTrainAccuracy: number;
  distances: { same: number; different: number; ratio: number };
  finalEvalLoss: number | null;
  trainSeconds: number;
  tsneKl: number;
  history: { steps: number; trainLoss: number[]; evaluations: Evaluation[]; resumedFrom: number; stopReason: string };
}
interface RunJson {
  dataset: string;
  steps: number;
  batchSize: number;
  seed: number;
  testImages: number;
  evalPairs: number;
  untrainedSvmAccuracy: number;
  untrainedDistances: { same: number; different: number; ratio: number };
  results: Result[];
  estimate: { secondsPerImage: number; seconds: number; stepsLeft: number };
  timing: Record<string, number>;
  report_html: string;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as RunJson;

/** What a run computed, without its wall times (which differ from run to run) and without where it resumed. */
function numbers(r: Result) {
  const { trainSeconds, history, ...scores } = r;
  return {
    ...scores,
    trainLoss: history.trainLoss,
    evaluations: history.evaluations.map(({ elapsedMs, ...e }) => e),
  };
}

/**
 * Leaves a setting's checkpoint folder as a run killed after its step-`step` checkpoint would: the later
 * checkpoint gone, the index (`latest.json`, @dlkit/models' format) naming the step-`step` one.
 */
function rollBack(slug: string, step: number, later: number): void {
  const folder = join(ck, slug);
  const name = (s: number) => `epoch-${String(s).padStart(4, '0')}`;
  rmSync(join(folder, name(later)), { recursive: true });
  writeFileSync(join(folder, 'latest.json'), JSON.stringify({ checkpoint: name(step), epoch: step, checkpoints: [name(step)] }));
}

describe('examples/siamese command line (tiny generated Fashion-MNIST)', () => {
  let first: RunJson;

  it('trains the three settings, scores each with the SVM, and writes the JSON, the pictures, the HTML page and the checkpoints', () => {
    const out = join(dir, 'a');
    const r = run([...TINY, '--checkpoint', ck, '--out', out, '--json', join(out, 'run.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      'fashion: 200 training images 28×28×1; 6 steps × 8 pairs per setting; SVM on 100 test embeddings (80/20); 20 held-out pairs',
    );
    // The estimate comes before any training, and counts every step of every setting.
    expect(r.stdout).toMatch(/estimated time: .*ms\/image × 6 steps × 8 pairs × 3 settings, t-SNE and SVM not counted\)/);
    expect(r.stdout.indexOf('estimated time')).toBeLessThan(r.stdout.indexOf('untrained ConvNet (baseline)'));
    expect(r.stdout).toContain(`checkpoints: ${ck}, one folder per setting\n`);
    for (const s of SETTINGS)
      expect(r.stdout).toMatch(new RegExp(`${s.replace('+', '\\+')}: one-vs-rest linear SVM accuracy \\d\\.\\d{3}`));

    first = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as RunJson;
    expect([first.dataset, first.steps, first.batchSize, first.seed, first.testImages, first.evalPairs]).toEqual([
      'fashion',
      6,
      8,
      1,
      100,
      20,
    ]);
    expect(first.estimate.stepsLeft).toBe(18);
    expect(first.estimate.seconds).toBeGreaterThan(0);
    expect(first.untrainedSvmAccuracy).toBeGreaterThan(0);
    expect(first.untrainedSvmAccuracy).toBeLessThanOrEqual(1);
    expect(first.results.map((x) => [x.setting, x.form, x.strategy])).toEqual([
      ['form 1 + anchor', 'half-squared', 'anchor'],
      ['form 2 + anchor', 'squared', 'anchor'],
      ['form 2 + random', 'squared', 'random'],
    ]);
    for (const x of first.results) {
      expect(x.svmAccuracy).toBeGreaterThan(0);
      expect(x.svmAccuracy).toBeLessThanOrEqual(1);
      expect(x.history.trainLoss).toHaveLength(6);
      for (const v of x.history.trainLoss) expect(Number.isFinite(v) && v > 0).toBe(true);
      // Held-out loss before the first step, every 2 steps and after the last; the last is the reported one.
      expect(x.history.evaluations.map((e) => e.step)).toEqual([0, 2, 4, 6]);
      expect(x.finalEvalLoss).toBe(x.history.evaluations[3].evalLoss);
      expect([x.history.resumedFrom, x.history.stopReason]).toEqual([0, 'steps']);
      expect(x.distances.different).toBeGreaterThan(0);
    }
    // Form 2 doubles form 1's pull on same-class pairs: the same net and pairs start at a higher loss.
    expect(first.results[1].history.evaluations[0].evalLoss).toBeGreaterThan(
      first.results[0].history.evaluations[0].evalLoss as number,
    );

    // Pictures: loss curves and t-SNE maps (SVG and PNG) per setting, the overview, the histories, the page.
    expect(readFileSync(join(out, 'loss-all.svg'), 'utf8')).toMatch(/^<svg/);
    SLUGS.forEach((slug, i) => {
      expect(readFileSync(join(out, `loss-${slug}.svg`), 'utf8')).toMatch(/^<svg/);
      expect(readFileSync(join(out, `tsne-${slug}.svg`), 'utf8')).toMatch(/^<svg/);
      expect(
        readFileSync(join(out, `tsne-${slug}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
      expect(JSON.parse(readFileSync(join(out, `history-${slug}.json`), 'utf8'))).toEqual(first.results[i].history);
    });
    expect(first.report_html).toBe(join(out, 'index.html'));
    const page = readFileSync(first.report_html, 'utf8');
    for (const s of SETTINGS) expect(page).toContain(s);
    expect(page).toContain(first.results[0].svmAccuracy.toFixed(3));

    // Recorded for the results page, in the run's --out folder only.
    const latest = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as {
      example: string;
      headline: Record<string, string>;
      json: string;
    };
    expect(latest.example).toBe('siamese');
    expect(resolve(out, latest.json)).toBe(join(out, 'run.json'));
    expect(packageRecord()).toBe(packageRecordBefore);
    expect(latest.headline['form 2 + random SVM accuracy']).toBe(first.results[2].svmAccuracy.toFixed(3));

    // One checkpoint folder per setting, named after it, and the flags a resumed run must repeat.
    expect(readdirSync(ck).sort()).toEqual(['flags.json', ...SLUGS]);
    expect(JSON.parse(readFileSync(join(ck, 'flags.json'), 'utf8'))).toMatchObject({
      '--batch-size': 8,
      '--filters': '16,32',
      '--hidden': 128,
      '--seed': 1,
    });
  });

  it('trains the twin ConvNet of --filters and --hidden, and records them', () => {
    const out = join(dir, 'widths');
    const state = join(dir, 'widths-checkpoints');
    const r = run([
      ...TINY,
      ...['--steps', '2', '--settings', 'hadsell+random', '--filters', '4,6', '--hidden', '10', '--embedding', '3'],
      ...['--checkpoint', state, '--out', out, '--json', join(out, 'run.json')],
    ]);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as { filters: number[]; hidden: number };
    expect([json.filters, json.hidden]).toEqual([[4, 6], 10]);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('twin ConvNet conv 4/6 maps, fc 10, embedding 3');
    // The checkpointed network itself has those widths: conv1 4 maps, conv2 6, fc1 10 units, embedding 3.
    const folder = join(state, 'form-hadsell-random');
    const latest = JSON.parse(readFileSync(join(folder, 'latest.json'), 'utf8')) as { checkpoint: string };
    const model = JSON.parse(readFileSync(join(folder, latest.checkpoint, 'model.json'), 'utf8')) as unknown;
    const widths: Record<string, number> = {};
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === 'object' && node !== null) {
        const { name, filters, units } = node as { name?: unknown; filters?: unknown; units?: unknown };
        const width = filters ?? units;
        if (typeof name === 'string' && typeof width === 'number') widths[name] = width;
        Object.values(node).forEach(walk);
      }
    };
    walk(model);
    expect(widths).toMatchObject({ conv1: 4, conv2: 6, fc1: 10, embedding: 3 });
    expect(JSON.parse(readFileSync(join(state, 'flags.json'), 'utf8'))).toMatchObject({ '--filters': '4,6', '--hidden': 10 });
  });

  it('augments the training images with --augment, and records it', () => {
    const runOnce = (name: string, extra: string[]) => {
      const out = join(dir, name);
      const state = join(dir, `${name}-checkpoints`);
      const r = run([
        ...TINY,
        ...['--steps', '3', '--settings', 'hadsell+random', '--eval-every', '1', ...extra],
        ...['--checkpoint', state, '--out', out, '--json', join(out, 'run.json')],
      ]);
      expect(r.status, r.stderr).toBe(0);
      const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
        augment: boolean;
        supervisedReference: unknown;
        results: { history: { trainLoss: number[] } }[];
      };
      return { r, out, state, json };
    };
    const augmented = runOnce('augmented', ['--augment']);
    const plain = runOnce('plain', []);
    expect(augmented.r.stdout).toContain('(random crop + flip every step)');
    expect([augmented.json.augment, plain.json.augment]).toEqual([true, false]);
    // No --supervised, no reference.
    expect(plain.json.supervisedReference).toBeNull();
    // Same pairs and initial weights: the first step's loss differs only because its images were cropped and flipped.
    expect(augmented.json.results[0].history.trainLoss[0]).not.toBe(plain.json.results[0].history.trainLoss[0]);
    expect(readFileSync(join(augmented.out, 'index.html'), 'utf8')).toContain('random crop + flip every step');
    expect(JSON.parse(readFileSync(join(augmented.state, 'flags.json'), 'utf8'))).toMatchObject({ '--augment': 'crop+flip' });
    expect(JSON.parse(readFileSync(join(plain.state, 'flags.json'), 'utf8'))).toMatchObject({ '--augment': 'none' });
  });

  it('trains the supervised reference with --supervised N and puts it next to the settings', () => {
    const out = join(dir, 'supervised');
    const r = run([
      ...TINY,
      ...['--steps', '2', '--settings', 'hadsell+random', '--supervised', '2'],
      ...['--out', out, '--json', join(out, 'run.json')],
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('+ supervised reference 2 epochs × 200 images');
    expect(r.stdout).toMatch(
      /supervised reference \(the same network, 2 epochs of cross-entropy, \d+ s\): one-vs-rest linear SVM accuracy 0\.\d{3}/,
    );
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      untrainedDistances: unknown;
      supervisedReference: { epochs: number; svmAccuracy: number; softmaxAccuracy: number; distances: unknown };
    };
    const ref = json.supervisedReference;
    expect(ref.epochs).toBe(2);
    expect(r.stdout).toMatch(
      new RegExp(
        `linear SVM accuracy ${ref.svmAccuracy.toFixed(3)} \\(train [01]\\.\\d{3}\\), its softmax ${ref.softmaxAccuracy.toFixed(3)};`,
      ),
    );
    // The same initial weights as the untrained baseline, trained: its embedding moved.
    expect(ref.distances).not.toEqual(json.untrainedDistances);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(
      'supervised reference: the same network, 2 epochs of cross-entropy',
    );
  });

  it('starts every setting from the supervised reference’s trained network with --fine-tune', () => {
    const runOnce = (name: string, extra: string[]) => {
      const out = join(dir, name);
      const r = run([
        ...TINY,
        ...['--steps', '2', '--eval-every', '1', '--settings', 'hadsell+anchor,hadsell+random', '--supervised', '2', ...extra],
        ...['--out', out, '--json', join(out, 'run.json')],
      ]);
      expect(r.status, r.stderr).toBe(0);
      const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
        fineTune: boolean;
        supervisedReference: { svmAccuracy: number; distances: { different: number } };
        results: { margin: number; history: { evaluations: Evaluation[] } }[];
      };
      return { r, out, json, startLosses: json.results.map((res) => res.history.evaluations[0].evalLoss) };
    };
    const tuned = runOnce('fine-tuned', ['--fine-tune']);
    const plain = runOnce('from-initial', []);
    expect([tuned.json.fineTune, plain.json.fineTune]).toEqual([true, false]);
    // The reference trains first, and is the same reference either way.
    expect(tuned.r.stdout.indexOf('supervised reference (the same network')).toBeLessThan(
      tuned.r.stdout.indexOf('[form hadsell + anchor] step'),
    );
    expect(tuned.r.stdout).toContain('pairs per setting, each starting from the supervised reference;');
    const figures = (j: typeof tuned.json) => [j.supervisedReference.svmAccuracy, j.supervisedReference.distances];
    expect(figures(tuned.json)).toEqual(figures(plain.json));
    // Before its first step each setting's held-out loss is the reference network's, the same for both settings
    // (one loss form), and not the initial weights' of the plain run.
    expect(tuned.startLosses[0]).toBe(tuned.startLosses[1]);
    expect(plain.startLosses[0]).toBe(plain.startLosses[1]);
    expect(tuned.startLosses[0]).not.toBe(plain.startLosses[0]);
    expect(readFileSync(join(tuned.out, 'index.html'), 'utf8')).toContain(
      'every setting fine-tuned from the supervised reference',
    );
    expect(tuned.json.results.map((res) => res.margin)).toEqual([1, 1]);
  });

  it('takes each setting’s margin from the reference’s embedding with --margin auto: d for hadsell, d² for forms 1 and 2', () => {
    const out = join(dir, 'auto-margin');
    const r = run([
      ...TINY,
      ...['--steps', '2', '--settings', 'hadsell+random,1+anchor', '--supervised', '2', '--fine-tune', '--margin', 'auto'],
      ...['--out', out, '--json', join(out, 'run.json')],
    ]);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      margin: string;
      supervisedReference: { distances: { different: number } };
      results: { setting: string; margin: number }[];
    };
    const d = json.supervisedReference.distances.different;
    expect(json.margin).toBe('auto');
    expect(json.results.map((res) => [res.setting, res.margin])).toEqual([
      ['form hadsell + random', d],
      ['form 1 + anchor', d ** 2],
    ]);
    expect(r.stdout).toContain(`form 1 + anchor: one-vs-rest linear SVM accuracy`);
    expect(r.stdout).toContain(` at margin ${formatMargin(d ** 2)} (auto); mean distance`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`form hadsell + random (margin ${formatMargin(d)})`);
  });

  it('starts every setting from a trained classifier with --start-from: its body, its inputs, its scale', async () => {
    const classifier = await writeTinyClassifierCheckpoint(join(dir, 'classifier'), data);
    const out = join(dir, 'start-from');
    const r = run([
      ...TINY,
      ...['--steps', '2', '--settings', 'hadsell+anchor,2+random', '--margin', 'auto', '--start-from', classifier],
      ...['--out', out, '--json', join(out, 'run.json')],
    ]);
    expect(r.status, r.stderr).toBe(0);
    const model = join(classifier, 'epoch-0002', 'model.json');
    expect(r.stdout).toContain(
      `start network: ${model} (newest checkpoint of ${classifier}: epoch-0002, epoch 2), cut at fc; inputs standardised with ${join(classifier, 'preprocessing.json')}`,
    );
    expect(r.stdout).toContain('pairs per setting, each starting from the start network;');
    const json = JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
      startFrom: string;
      learningRate: number;
      supervisedReference: {
        loadedFrom: string;
        epochs: number;
        trainSeconds: number;
        svmAccuracy: number;
        distances: { different: number };
      };
      untrainedSvmAccuracy: number;
      results: { margin: number; history: { evaluations: Evaluation[] } }[];
    };
    expect(json.startFrom).toContain(model);
    // Fine-tuning a trained network: Adam's default step is ten times smaller.
    expect(json.learningRate).toBe(0.0001);
    expect(json.supervisedReference).toMatchObject({ loadedFrom: json.startFrom, epochs: 2, trainSeconds: 0 });
    // --margin auto on the loaded network's scale: d for hadsell, d² for form 2.
    const d = json.supervisedReference.distances.different;
    expect(json.results.map((res) => res.margin)).toEqual([d, d ** 2]);
    // The untrained floor is its architecture with the initial weights, not the loaded network.
    expect(json.untrainedSvmAccuracy).not.toBe(json.supervisedReference.svmAccuracy);
    expect(r.stdout).toMatch(/start network {7} +0\.\d{3}/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(
      `twin network: the trained classifier ${json.startFrom} cut before its output layer`,
    );
  });

  it('refuses --start-from with the flags that shape another start network', () => {
    for (const other of [
      ['--supervised', '2'],
      ['--fine-tune'],
      ['--filters', '8,8'],
      ['--hidden', '32'],
      ['--embedding', '4'],
    ]) {
      const r = run([...TINY, '--start-from', join(dir, 'classifier'), ...other, '--estimate-only']);
      expect(r.status, other[0]).toBe(2);
      expect(r.stderr).toContain(`--start-from takes the network's widths and weights from the model: leave out ${other[0]}`);
    }
    const bad = run([...TINY, '--start-from', join(dir, 'no-such-model'), '--estimate-only']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`${join(dir, 'no-such-model')}: --start-from: expected a model.json`);
  });

  it('checkpoints the supervised reference and resumes it to the numbers of a reference trained without a stop', () => {
    const state = join(dir, 'supervised-checkpoints');
    const runReference = (name: string, epochs: number, extra: string[]) => {
      const out = join(dir, name);
      const r = run([
        ...TINY,
        ...['--steps', '2', '--settings', 'hadsell+random', '--supervised', String(epochs), ...extra],
        ...['--out', out, '--json', join(out, 'run.json')],
      ]);
      const json = existsSync(join(out, 'run.json'))
        ? (JSON.parse(readFileSync(join(out, 'run.json'), 'utf8')) as {
            supervisedReference: { svmAccuracy: number; softmaxAccuracy: number; distances: unknown; resumedFrom: number };
          })
        : undefined;
      return { r, ref: json?.supervisedReference };
    };
    const first = runReference('supervised-1', 1, ['--checkpoint', state]);
    expect(first.r.status, first.r.stderr).toBe(0);
    expect(first.r.stdout).toContain('one folder per setting and one for the supervised reference');
    expect(readdirSync(join(state, 'supervised-reference'))).toContain('latest.json');
    const resumed = runReference('supervised-resumed', 2, ['--checkpoint', state, '--resume']);
    expect(resumed.r.status, resumed.r.stderr).toBe(0);
    expect(resumed.r.stdout).toContain('+ supervised reference 1 epoch × 200 images (resuming after epoch 1 of 2)');
    expect(resumed.r.stdout).toMatch(/2 epochs of cross-entropy, resumed after epoch 1, \d+ s\)/);
    const straight = runReference('supervised-straight', 2, []);
    expect(straight.r.status, straight.r.stderr).toBe(0);
    const numbers = (ref: typeof first.ref) => [ref?.svmAccuracy, ref?.softmaxAccuracy, ref?.distances];
    expect(numbers(resumed.ref)).toEqual(numbers(straight.ref));
    expect([resumed.ref?.resumedFrom, straight.ref?.resumedFrom]).toEqual([1, 0]);
    // Finished: scored again, not trained; fewer epochs than the checkpoint holds: refused before any work.
    const again = runReference('supervised-again', 2, ['--checkpoint', state, '--resume', '--estimate-only']);
    expect(again.r.stdout).toContain('+ supervised reference finished (2 of 2 epochs)');
    const fewer = runReference('supervised-fewer', 1, ['--checkpoint', state, '--resume']);
    expect(fewer.r.status).toBe(2);
    expect(fewer.r.stderr).toContain(
      `--supervised 1 is fewer than the 2 epochs already in ${join(state, 'supervised-reference')}: resume with --supervised 2 or more`,
    );
  });

  it('prints the estimate and trains nothing with --estimate-only', () => {
    const out = join(dir, 'estimate');
    const state = join(dir, 'estimate-checkpoints');
    const r = run([
      ...TINY,
      '--steps',
      '300',
      '--estimate-only',
      '--checkpoint',
      state,
      '--out',
      out,
      '--json',
      join(out, 'run.json'),
    ]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /estimated time: (< 0\.1|\d+(\.\d)?) min \((\d+ s, )?\d+\.\d\d ms\/image × 300 steps × 8 pairs × 3 settings, t-SNE and SVM not counted\), measured on this machine's current load/,
    );
    expect(r.stdout).not.toContain('untrained ConvNet');
    expect(r.stdout).not.toContain('[form');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(state)).toBe(false);
  });

  it('resumes a stopped run from its checkpoints to the same numbers as the uninterrupted run, estimating only what is left', () => {
    // As if stopped: form 1 + anchor after its step-4 checkpoint, form 2 + anchor before its first one;
    // form 2 + random had finished.
    rollBack('form-1-anchor', 4, 6);
    rmSync(join(ck, 'form-2-anchor'), { recursive: true });

    const estimateOnly = run([...TINY, '--checkpoint', ck, '--resume', '--estimate-only', '--out', join(dir, 'never')]);
    expect(estimateOnly.status, estimateOnly.stderr).toBe(0);
    const line =
      '8 steps left × 8 pairs, resuming: form 1 + anchor at step 4 of 6, form 2 + random finished (6 of 6), t-SNE and SVM not counted)';
    expect(estimateOnly.stdout).toContain(line);
    expect(existsSync(join(ck, 'form-2-anchor'))).toBe(false);

    const out = join(dir, 'resumed');
    const r = run([...TINY, '--checkpoint', ck, '--resume', '--out', out, '--json', join(out, 'run.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(line);
    expect(r.stdout).toContain('[form 1 + anchor] resumed after step 4 of 6 from its checkpoint');
    expect(r.stdout).toContain('[form 2 + anchor] step     0/6');
    expect(r.stdout).toContain('[form 2 + random] all 6 steps were in its checkpoint: not trained again');
    expect(r.stdout).not.toContain('[form 2 + random] step');

    const resumed = readJson(join(out, 'run.json'));
    expect(resumed.results.map((x) => x.history.resumedFrom)).toEqual([4, 0, 6]);
    expect(resumed.estimate.stepsLeft).toBe(8);
    // Bit for bit: SVM accuracies, distances, t-SNE, the loss of every step and every held-out evaluation.
    expect(resumed.untrainedSvmAccuracy).toBe(first.untrainedSvmAccuracy);
    expect(resumed.results.map(numbers)).toEqual(first.results.map(numbers));
    // …and not by accident: the settings themselves differ.
    expect(numbers(first.results[1]).trainLoss).not.toEqual(numbers(first.results[2]).trainLoss);
  });

  it.each([
    [['--steps', '0'], '--steps must be an integer ≥ 1, got "0"'],
    [['--resume'], '--resume needs --checkpoint DIR'],
    [['--settings', '3+anchor'], '--settings: "3+anchor" is not FORM+STRATEGY with FORM 1|2|hadsell and STRATEGY anchor|random'],
    [['--settings', '1+anchor,2+random,1+anchor'], '--settings: "form 1 + anchor" is listed twice'],
    [['--same', '1.5'], '--same must lie in [0, 1], got 1.5'],
    [['--filters', '32'], '--filters takes 2 positive integers, e.g. 16,32'],
    [['--hidden', '0'], '--hidden must be an integer ≥ 1, got "0"'],
    [['--data', 'mnist'], '--data must be one of fashion, cifar10, got "mnist"'],
    [['--fine-tune'], '--fine-tune needs --supervised N: the network it starts from'],
    [
      ['--margin', 'auto'],
      "--margin auto needs --fine-tune or --start-from: it takes the margin from the start network's embedding",
    ],
    [['--engine', 'gpu'], '--engine must be one of tfjs-node-gpu, tfjs-node, wasm, cpu, got "gpu"'],
  ])('refuses %j with a clear message before any work', (args, message) => {
    const out = join(dir, 'never');
    const r = run([...TINY, ...args, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`siamese: ${message}`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    expect(r.stdout).not.toContain('estimated time');
    expect(existsSync(out)).toBe(false);
  });

  it.skipIf(isInstalled('@tensorflow/tfjs-node', HERE))(
    'stops when --engine tfjs-node cannot start, instead of training on wasm',
    () => {
      const out = join(dir, 'never');
      const r = run([...TINY, '--engine', 'tfjs-node', '--out', out]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('siamese: initBackend: no engine could be started (tfjs-node:');
      expect(r.stderr).toContain('--engine tfjs-node: install that engine');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).not.toContain('estimated time');
      expect(existsSync(out)).toBe(false);
    },
  );

  it.each([
    [
      ['--lr', '0.01'],
      `the checkpoints in ${ck} were written with other flags: --lr 0.001 (now 0.01). Resume with the same flags`,
    ],
    [
      ['--filters', '8,16'],
      `the checkpoints in ${ck} were written with other flags: --filters 16,32 (now 8,16). Resume with the same flags`,
    ],
    [
      ['--steps', '4'],
      `--steps 4 is fewer than the 6 steps already in ${join(ck, 'form-1-anchor')}: resume with --steps 6 or more, or start afresh without --resume`,
    ],
  ])('refuses to resume with %j: the checkpoints cannot continue that run', (args, message) => {
    const out = join(dir, 'never');
    const r = run([...TINY, '--checkpoint', ck, '--resume', ...args, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`siamese: ${message}`);
    expect(r.stdout).not.toContain('estimated time');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to resume, before any training, when the last setting’s checkpoint has a cut-short weights file', () => {
    const weightsFile = join(ck, 'form-2-random', 'epoch-0006', 'model.weights.bin');
    const intact = readFileSync(weightsFile);
    writeFileSync(weightsFile, intact.subarray(0, 100));
    try {
      const out = join(dir, 'never');
      const r = run([...TINY, '--checkpoint', ck, '--resume', '--steps', '8', '--out', out]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('siamese: ');
      expect(r.stderr).toContain(weightsFile);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).not.toContain('estimated time');
      expect(existsSync(out)).toBe(false);
    } finally {
      writeFileSync(weightsFile, intact);
    }
  });

  it('lists --checkpoint and --resume in --help', () => {
    const r = run(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--checkpoint DIR\s+keep each setting's training state in its own folder DIR\/<setting>/);
    expect(r.stdout).toMatch(/--resume\s+continue every setting from its newest checkpoint in --checkpoint DIR/);
  });
});

describe('examples/siamese: data under --root it cannot read', () => {
  const FASHION_TAKES = '--root DIR takes the folder of the Fashion-MNIST IDX files';
  const CIFAR_TAKES = '--root DIR takes a folder with cifar-10-batches-bin';
  const FASHION_FILES = [
    'train-images-idx3-ubyte',
    'train-labels-idx1-ubyte',
    't10k-images-idx3-ubyte',
    't10k-labels-idx1-ubyte',
  ];

  /** A folder with the four Fashion-MNIST file names, each holding text instead of an IDX header. */
  function garbledFashion(): string {
    const root = join(dir, 'garbled-fashion');
    mkdirSync(root, { recursive: true });
    for (const f of FASHION_FILES) writeFileSync(join(root, f), 'not an IDX file');
    return root;
  }

  it.each([
    ['fashion', 'missing', () => join(dir, 'no-data-here'), 'Fashion-MNIST files not found', FASHION_TAKES],
    ['fashion', 'not IDX files', garbledFashion, 'Wrong IDX magic number', FASHION_TAKES],
    ['cifar10', 'missing', () => join(dir, 'no-data-here'), 'CIFAR-10 files not found', CIFAR_TAKES],
  ])('--data %s, %s: status 1, the file and what --root takes, no stack trace', (data, _, root, problem, takes) => {
    const where = root();
    const out = join(dir, 'never');
    const r = run(['--data', data, '--root', where, '--estimate-only', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`siamese: ${problem}`);
    expect(r.stderr).toContain(`file: ${where}`);
    // This command line's answer, not the loader's advice to library users ({ download: true }).
    expect(r.stderr).toContain(`hint: ${takes}`);
    expect(r.stderr).not.toContain('download: true');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('tfjs-backend-wasm.js'); // the wasm engine's handler of unhandled rejections
    expect(r.stdout).not.toContain('estimated time');
    expect(existsSync(out)).toBe(false);
  });
});
