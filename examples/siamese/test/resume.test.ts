import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ExperimentOptions, type Setting, settingSlug } from '../src/options';
import {
  describeResume,
  FLAGS_FILE,
  flagDifferences,
  recordFlags,
  resumeProgress,
  settingCheckpointDir,
  supervisedCheckpointDir,
  supervisedProgress,
  trainingFlags,
} from '../src/resume';

const dir = mkdtempSync(join(tmpdir(), 'siamese-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const form1: Setting = { name: 'form 1 + anchor', form: 'half-squared', strategy: 'anchor' };
const form2: Setting = { name: 'form 2 + random', form: 'squared', strategy: 'random' };
const hadsell: Setting = { name: 'form hadsell + anchor', form: 'hadsell', strategy: 'anchor' };

/** The defaults of the command line, in a checkpoint folder of this test. */
function options(over: Partial<ExperimentOptions> = {}): ExperimentOptions {
  return {
    dataName: 'fashion',
    root: undefined,
    settings: [form1, form2],
    steps: 300,
    batchSize: 64,
    sameFraction: 0.5,
    margin: 1,
    lr: 0.001,
    embeddingSize: 32,
    filters: [16, 32],
    hidden: 128,
    augment: false,
    supervisedEpochs: 0,
    fineTune: false,
    startFrom: undefined,
    evalEvery: 50,
    evalPairCount: 500,
    testCount: 2000,
    tsnePoints: 1000,
    seed: 1,
    outDir: join(dir, 'out'),
    jsonPath: undefined,
    engine: undefined,
    threads: undefined,
    estimateOnly: false,
    checkpointDir: join(dir, 'ck'),
    resume: true,
    ...over,
  };
}

describe('settingSlug', () => {
  it('names a setting with letters, digits and single dashes only, for its pictures and checkpoint folder', () => {
    expect(settingSlug('form 1 + anchor')).toBe('form-1-anchor');
    expect(settingSlug('form hadsell + random')).toBe('form-hadsell-random');
    expect(settingSlug(' a/b\\..c ')).toBe('a-b-c');
  });

  it('gives every setting its own folder under --checkpoint', () => {
    expect(settingCheckpointDir('/runs/ck', form1)).toBe(join('/runs/ck', 'form-1-anchor'));
    expect(settingCheckpointDir('/runs/ck', hadsell)).toBe(join('/runs/ck', 'form-hadsell-anchor'));
  });
});

describe('describeResume', () => {
  it('names the settings that continue from a checkpoint and those already finished', () => {
    const line = describeResume(
      [
        { setting: form1, doneSteps: 200 },
        { setting: form2, doneSteps: 0 },
        { setting: hadsell, doneSteps: 300 },
      ],
      300,
    );
    expect(line).toBe('resuming: form 1 + anchor at step 200 of 300, form hadsell + anchor finished (300 of 300)');
  });

  it('says nothing when every setting starts afresh', () => {
    expect(describeResume([{ setting: form1, doneSteps: 0 }], 300)).toBe('');
  });
});

describe('trainingFlags and flagDifferences', () => {
  it('keeps the flags that shape training, keyed by flag, and not those a resumed run may change', () => {
    const flags = trainingFlags(options({ steps: 48_000, testCount: 10_000, tsnePoints: 50 }));
    expect(flags).toEqual({
      '--data': 'fashion',
      '--batch-size': 64,
      '--same': 0.5,
      '--margin': 1,
      '--lr': 0.001,
      '--embedding': 32,
      '--filters': '16,32',
      '--hidden': 128,
      '--augment': 'none',
      '--fine-tune': 'none',
      '--start-from': 'none',
      '--eval-every': 50,
      '--eval-pairs': 500,
      '--seed': 1,
    });
  });

  it('lists each changed flag with its recorded and its new value', () => {
    const before = trainingFlags(options());
    expect(flagDifferences(before, trainingFlags(options()))).toBe('');
    expect(flagDifferences(before, trainingFlags(options({ lr: 0.0001, sameFraction: 0.1 })))).toBe(
      '--same 0.5 (now 0.1); --lr 0.001 (now 0.0001)',
    );
    expect(flagDifferences({}, { '--seed': 2 })).toBe('--seed (not recorded) (now 2)');
  });
});

describe('resumeProgress', () => {
  it('counts nothing as done without --resume, or when a setting has no checkpoint yet', async () => {
    const fresh = await resumeProgress(options({ resume: false }));
    expect(fresh.map((p) => [p.setting.name, p.doneSteps])).toEqual([
      ['form 1 + anchor', 0],
      ['form 2 + random', 0],
    ]);
    const empty = await resumeProgress(options({ checkpointDir: join(dir, 'nothing-here') }));
    expect(empty.map((p) => p.doneSteps)).toEqual([0, 0]);
  });

  it('refuses checkpoints written with other training flags, naming them', async () => {
    await recordFlags(options());
    await expect(resumeProgress(options({ steps: 600 }))).resolves.toHaveLength(2);
    await expect(resumeProgress(options({ margin: 2 }))).rejects.toThrow(
      `the checkpoints in ${join(dir, 'ck')} were written with other flags: --margin 1 (now 2). Resume with the same flags`,
    );
  });

  it('refuses to continue checkpoints of a twin ConvNet of other widths', async () => {
    await recordFlags(options({ filters: [32, 64], hidden: 256 }));
    await expect(resumeProgress(options({ filters: [32, 64], hidden: 256 }))).resolves.toHaveLength(2);
    await expect(resumeProgress(options())).rejects.toThrow('other flags: --filters 32,64 (now 16,32); --hidden 256 (now 128)');
  });

  it('refuses to continue unaugmented checkpoints with --augment, and augmented ones without it', async () => {
    await recordFlags(options({ augment: true }));
    await expect(resumeProgress(options({ augment: true }))).resolves.toHaveLength(2);
    await expect(resumeProgress(options())).rejects.toThrow('other flags: --augment crop+flip (now none)');
  });

  it('refuses to continue settings that started from a supervised reference of other epochs, or from none', async () => {
    const fineTuned = options({ supervisedEpochs: 20, fineTune: true });
    await recordFlags(fineTuned);
    await expect(resumeProgress(fineTuned)).resolves.toHaveLength(2);
    await expect(resumeProgress({ ...fineTuned, supervisedEpochs: 30 })).rejects.toThrow(
      'other flags: --fine-tune from --supervised 20 (now from --supervised 30)',
    );
    await expect(resumeProgress({ ...fineTuned, fineTune: false })).rejects.toThrow(
      'other flags: --fine-tune from --supervised 20 (now none)',
    );
  });

  it('reads a flags file from before --filters, --hidden, --augment, --fine-tune and --start-from as the default network, unaugmented, from its initial weights, which it was', async () => {
    const {
      '--filters': _,
      '--hidden': __,
      '--augment': ___,
      '--fine-tune': ____,
      '--start-from': _____,
      ...older
    } = trainingFlags(options());
    writeFileSync(join(dir, 'ck', FLAGS_FILE), JSON.stringify(older));
    await expect(resumeProgress(options())).resolves.toHaveLength(2);
    await expect(resumeProgress(options({ hidden: 256 }))).rejects.toThrow('--hidden 128 (now 256)');
    await expect(resumeProgress(options({ augment: true }))).rejects.toThrow('--augment none (now crop+flip)');
    await expect(resumeProgress(options({ supervisedEpochs: 5, fineTune: true }))).rejects.toThrow(
      '--fine-tune none (now from --supervised 5)',
    );
    await expect(resumeProgress(options({ startFrom: '/runs/ck/tf' }))).rejects.toThrow('--start-from none (now /runs/ck/tf)');
  });

  it('refuses a flags file it cannot read as flags', async () => {
    writeFileSync(join(dir, 'ck', FLAGS_FILE), '{"--lr": 0.0');
    await expect(resumeProgress(options())).rejects.toThrow('is not the flags object a siamese run writes');
  });
});

describe('supervisedProgress', () => {
  it('keeps the supervised reference in its own folder beside the settings', () => {
    expect(supervisedCheckpointDir('/runs/ck')).toBe(join('/runs/ck', 'supervised-reference'));
  });

  it('counts no epoch as done without --resume, without --supervised or before its first checkpoint', async () => {
    await expect(supervisedProgress(options({ supervisedEpochs: 20, resume: false }))).resolves.toBe(0);
    await expect(supervisedProgress(options({ supervisedEpochs: 0 }))).resolves.toBe(0);
    await expect(supervisedProgress(options({ supervisedEpochs: 20, checkpointDir: join(dir, 'nothing-here') }))).resolves.toBe(
      0,
    );
    await expect(supervisedProgress(options({ supervisedEpochs: 20, checkpointDir: undefined }))).resolves.toBe(0);
  });

  it('refuses a damaged checkpoint index before any work', async () => {
    const folder = supervisedCheckpointDir(join(dir, 'damaged'));
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'latest.json'), '{"checkpoint": "epoch-0');
    await expect(supervisedProgress(options({ supervisedEpochs: 2, checkpointDir: join(dir, 'damaged') }))).rejects.toThrow(
      folder,
    );
  });
});
