/**
 * Checkpoints and resuming: with `--checkpoint DIR` each setting keeps its training state in its own folder
 * `DIR/<setting>` (`trainSiamese`'s checkpoints), and the flags that shape training in `DIR/flags.json`. With
 * `--resume` every setting continues after its newest checkpoint — the same weights, optimiser state, loss
 * history and pair stream as the run that wrote it, so the numbers equal an uninterrupted run's — and a setting
 * whose checkpoint holds all its steps is scored again but not trained. The supervised reference (`--supervised N`)
 * keeps its epochs in `DIR/supervised-reference` (`@dlkit/models`' `train` checkpoints) and continues likewise.
 * What is left is read before any work, so the time estimate counts only that, and a checkpoint that cannot be
 * continued stops the run first.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { verifyCheckpoint } from '@dlkit/models';
import { writeJson } from '@dlkit-examples/common';
import { DEFAULT_FILTERS, DEFAULT_HIDDEN, type ExperimentOptions, type Setting, settingSlug } from './options';

/** Where one setting stands before the run. */
export interface SettingProgress {
  setting: Setting;
  /** Steps in its newest checkpoint, which the run will not train again (0 without `--resume`). */
  doneSteps: number;
}

/** File in the checkpoint folder naming the flags a resumed run must repeat. */
export const FLAGS_FILE = 'flags.json';

/** The supervised reference's checkpoint folder, beside the settings' folders: `DIR/supervised-reference`. */
export function supervisedCheckpointDir(checkpointDir: string): string {
  return join(checkpointDir, 'supervised-reference');
}

/** The checkpoint folder of one setting: `DIR/form-1-anchor`, … */
export function settingCheckpointDir(checkpointDir: string, setting: Setting): string {
  return join(checkpointDir, settingSlug(setting.name));
}

/**
 * The flags that shape the training of every setting (data, pairs, loss, optimiser, held-out curve, seed),
 * keyed by flag. `--steps` may grow and `--settings` change between a run and its resumption; these may not.
 */
export function trainingFlags(opts: ExperimentOptions): Record<string, string | number> {
  return {
    '--data': opts.dataName,
    '--batch-size': opts.batchSize,
    '--same': opts.sameFraction,
    '--margin': opts.margin,
    '--lr': opts.lr,
    '--embedding': opts.embeddingSize,
    '--filters': opts.filters.join(','),
    '--hidden': opts.hidden,
    '--augment': opts.augment ? 'crop+flip' : 'none',
    // The settings' starting weights: with --fine-tune they are the reference's after its N epochs, so N is fixed too.
    '--fine-tune': opts.fineTune ? `from --supervised ${opts.supervisedEpochs}` : 'none',
    // The loaded network's model.json: a checkpoint folder's newest epoch may move on between a run and its resumption.
    '--start-from': opts.startFrom ?? 'none',
    '--eval-every': opts.evalEvery,
    '--eval-pairs': opts.evalPairCount,
    '--seed': opts.seed,
  };
}

/** "--lr 0.001 (now 0.0001); --same 0.5 (now 0.1)": the flags that differ from those recorded, or ''. */
export function flagDifferences(recorded: Record<string, unknown>, now: Record<string, string | number>): string {
  return Object.entries(now)
    .filter(([flag, value]) => recorded[flag] !== value)
    .map(([flag, value]) => `${flag} ${recorded[flag] ?? '(not recorded)'} (now ${value})`)
    .join('; ');
}

/**
 * Reads what a resumed run will not train again: the step of every setting's newest checkpoint (all zeros
 * without `--resume`). Throws, before anything is trained, when the checkpoints were written with other
 * training flags, when one holds more steps than `--steps`, or when one is damaged (`@dlkit/models`' error).
 */
export async function resumeProgress(opts: ExperimentOptions): Promise<SettingProgress[]> {
  const dir = opts.checkpointDir;
  if (!opts.resume || dir === undefined) return opts.settings.map((setting) => ({ setting, doneSteps: 0 }));
  const recorded = await readFlags(join(dir, FLAGS_FILE));
  if (recorded !== undefined) {
    const differ = flagDifferences(recorded, trainingFlags(opts));
    if (differ !== '') {
      throw new Error(
        `the checkpoints in ${dir} were written with other flags: ${differ}. Resume with the same flags, or start afresh without --resume (or in another --checkpoint folder)`,
      );
    }
  }
  const progress: SettingProgress[] = [];
  for (const setting of opts.settings) {
    const folder = settingCheckpointDir(dir, setting);
    // Every file of every setting's checkpoint is read now: a cut-short one stops the run before the settings
    // ahead of it train, not when its turn comes.
    const doneSteps = (await verifyCheckpoint(folder))?.state.epoch ?? 0;
    if (doneSteps > opts.steps) {
      throw new Error(
        `--steps ${opts.steps} is fewer than the ${doneSteps} steps already in ${folder}: resume with --steps ${doneSteps} or more, or start afresh without --resume`,
      );
    }
    progress.push({ setting, doneSteps });
  }
  return progress;
}

/**
 * The epochs of the supervised reference (`--supervised N`) a resumed run will not train again: those of its
 * newest checkpoint (0 without `--resume`, without `--supervised` or without a checkpoint yet). Call it after
 * {@link resumeProgress}, which checks the flags the reference shares with the settings. Throws, before anything
 * is trained, when the checkpoint holds more epochs than `--supervised N` or is damaged.
 */
export async function supervisedProgress(opts: ExperimentOptions): Promise<number> {
  const dir = opts.checkpointDir;
  if (!opts.resume || dir === undefined || opts.supervisedEpochs === 0) return 0;
  const folder = supervisedCheckpointDir(dir);
  const doneEpochs = (await verifyCheckpoint(folder))?.state.epoch ?? 0;
  if (doneEpochs > opts.supervisedEpochs) {
    throw new Error(
      `--supervised ${opts.supervisedEpochs} is fewer than the ${doneEpochs} epochs already in ${folder}: resume with --supervised ${doneEpochs} or more, or start afresh without --resume`,
    );
  }
  return doneEpochs;
}

/** Records the training flags in the checkpoint folder, for {@link resumeProgress} to check when resumed. */
export async function recordFlags(opts: ExperimentOptions): Promise<void> {
  if (opts.checkpointDir !== undefined) await writeJson(join(opts.checkpointDir, FLAGS_FILE), trainingFlags(opts));
}

async function readFlags(file: string): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let flags: unknown;
  try {
    flags = JSON.parse(text);
  } catch {
    flags = undefined;
  }
  if (typeof flags !== 'object' || flags === null || Array.isArray(flags))
    throw new Error(`${file} is not the flags object a siamese run writes: remove it to resume without the check`);
  // Checkpoints written before --filters, --hidden, --augment, --fine-tune and --start-from existed trained the
  // default network, unaugmented, from its initial weights.
  return {
    '--filters': DEFAULT_FILTERS.join(','),
    '--hidden': DEFAULT_HIDDEN,
    '--augment': 'none',
    '--fine-tune': 'none',
    '--start-from': 'none',
    ...(flags as Record<string, unknown>),
  };
}

/**
 * "resuming: form 1 + anchor at step 200 of 300, form 2 + anchor finished (300 of 300)": the settings that
 * continue from a checkpoint, or '' when none does.
 */
export function describeResume(progress: readonly SettingProgress[], steps: number): string {
  const resumed = progress.filter((p) => p.doneSteps > 0);
  if (resumed.length === 0) return '';
  const parts = resumed.map((p) =>
    p.doneSteps >= steps
      ? `${p.setting.name} finished (${p.doneSteps} of ${steps})`
      : `${p.setting.name} at step ${p.doneSteps} of ${steps}`,
  );
  return `resuming: ${parts.join(', ')}`;
}
