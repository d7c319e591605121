import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, shutdownBackend } from '@dlkit/backend';
import type { LoadDataOptions } from '../src/data';
import { describeProgress, variantProgress } from '../src/remaining';
import { runStudiesAsTrials, variantSweep, type VariantTrialsSpec } from '../src/study-runner';
import { studyPlan, variantSlug } from '../src/variants';

// Tiny stand-in data and a tiny TF-tutorial net: three variants of seed 004's study.
const dataOptions: LoadDataOptions = { trainPerClass: 3, testPerClass: 2, seed: 1 };
const plans = studyPlan(['tf'], { tfFilters: [2, 2], tfUnits: [6, 4] });
for (const p of plans) p.variants = p.variants.slice(0, 3);
const [first, second, third] = plans[0]?.variants ?? [];

let root: string;
beforeAll(async () => {
  await initBackend({ threads: 1 });
  root = await mkdtemp(join(tmpdir(), 'cifar-cnn-remaining-'));
});
afterAll(async () => {
  await shutdownBackend();
  await rm(root, { recursive: true, force: true });
});

describe('variantProgress (what a run has left before it starts)', () => {
  it('knows nothing is done in a fresh run', async () => {
    const spec: VariantTrialsSpec = { data: dataOptions, epochs: 3, seed: 1, augment: false };
    const progress = await variantProgress(variantSweep(plans, spec), join(root, 'none.jsonl'));
    expect(progress.map((p) => [p.finished, p.doneEpochs, p.epochs])).toEqual([
      [false, 0, 3],
      [false, 0, 3],
      [false, 0, 3],
    ]);
    expect(describeProgress(progress)).toBe('');
  });

  it('counts a variant in the results file as finished, and a checkpointed one from its last saved epoch', async () => {
    if (first === undefined || second === undefined || third === undefined) throw new Error('three variants expected');
    const checkpointRoot = join(root, 'ck');
    const resultsFile = join(root, 's004.jsonl');
    const spec: VariantTrialsSpec = { data: dataOptions, epochs: 3, seed: 1, augment: false, checkpointRoot, resume: true };
    // The first variant runs to the end through the results file; the second trains 2 of 3 epochs (the
    // checkpoint folders of a run with fewer epochs are the same folders: the slug names the variant only).
    await runStudiesAsTrials([{ ...plans[0]!, variants: [first] }], { ...spec, workers: 0, resultsFile });
    await runStudiesAsTrials([{ ...plans[0]!, variants: [second] }], { ...spec, epochs: 2, workers: 0 });
    const progress = await variantProgress(variantSweep(plans, spec), resultsFile);
    expect(progress.map((p) => [p.id, p.finished, p.doneEpochs])).toEqual([
      [`tf: ${first.name}`, true, 3],
      [`tf: ${second.name}`, false, 2],
      [`tf: ${third.name}`, false, 0],
    ]);
    expect(describeProgress(progress)).toBe(
      `1 of 3 variants already in the results file; tf: ${second.name} resumes after epoch 2 of 3`,
    );
    // A checkpoint of the last epoch (or beyond it) leaves nothing to train.
    const finishedTrial = await variantProgress(variantSweep(plans, { ...spec, epochs: 2 }));
    expect(describeProgress(finishedTrial)).toBe(
      [first, second].map((v) => `tf: ${v.name} has all 2 epochs in its checkpoint (scored, not trained)`).join('; '),
    );
    // Without --resume the checkpoint is not continued, so it saves nothing.
    const fresh = await variantProgress(variantSweep(plans, { ...spec, resume: false }), resultsFile);
    expect(fresh.map((p) => p.doneEpochs)).toEqual([0, 0, 0]);
    // Other settings are another trial: the results file's record does not count for it.
    const other = await variantProgress(variantSweep(plans, { ...spec, seed: 2 }), resultsFile);
    expect(other[0]?.finished).toBe(false);
  }, 120_000);

  it('refuses a damaged checkpoint index, as the run itself would, naming the file', async () => {
    if (third === undefined) throw new Error('three variants expected');
    const checkpointRoot = join(root, 'ck-damaged');
    await mkdir(join(checkpointRoot, variantSlug(third)), { recursive: true });
    await writeFile(join(checkpointRoot, variantSlug(third), 'latest.json'), '{"checkpoint": "epoch-00');
    const spec: VariantTrialsSpec = { data: dataOptions, epochs: 3, seed: 1, augment: false, checkpointRoot, resume: true };
    await expect(variantProgress(variantSweep(plans, spec))).rejects.toThrow(/latest\.json/);
  });
});
