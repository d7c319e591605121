/**
 * What is left of a run before it starts: a variant whose trial is in the `--results` file is not run again,
 * and one with a checkpoint continues after its last saved epoch (with `--resume`). The time estimate counts
 * only what is left, so a resumed run does not announce hours for minutes of work.
 */
import { join } from 'node:path';
import { latestCheckpoint } from '@dlkit/models';
import { readResults, type Sweep } from '@dlkit/sweep';
import type { VariantTrialSettings } from './trials';
import { variantSlug, type VariantSpec } from './variants';

/** One variant of a run and how much of it is already done. */
export interface VariantProgress {
  /** The trial's label, `<study>: <variant>`. */
  id: string;
  variant: VariantSpec;
  /** True when the results file holds the variant's finished trial: it is reused, not run. */
  finished: boolean;
  /** Epochs the run will not train again: all of them when finished, else those in its newest checkpoint. */
  doneEpochs: number;
  /** Epochs of the whole variant. */
  epochs: number;
}

/**
 * Reads, for every trial of `sweep`, whether `resultsFile` holds it finished (status ok, the same trial key as
 * @dlkit/sweep's reuse check) and, when its settings resume from checkpoints, the epoch of its newest
 * checkpoint. A damaged results file or checkpoint index is the error the run itself would raise.
 */
export async function variantProgress(sweep: Sweep, resultsFile?: string): Promise<VariantProgress[]> {
  const results = resultsFile === undefined ? new Map() : await readResults(resultsFile, sweep.name);
  const out: VariantProgress[] = [];
  for (const trial of sweep.trials) {
    const settings = trial.settings as unknown as VariantTrialSettings;
    const { spec: variant, epochs } = settings;
    if (results.get(trial.key)?.status === 'ok') {
      out.push({ id: trial.id, variant, finished: true, doneEpochs: epochs, epochs });
      continue;
    }
    let doneEpochs = 0;
    if (settings.resume === true && settings.checkpointRoot !== undefined) {
      const latest = await latestCheckpoint(join(settings.checkpointRoot, variantSlug(variant)));
      doneEpochs = Math.min(epochs, latest?.state.epoch ?? 0);
    }
    out.push({ id: trial.id, variant, finished: false, doneEpochs, epochs });
  }
  return out;
}

/** "3 of 4 variants already in the results file; tf: dropout 0.5 resumes after epoch 27 of 30". */
export function describeProgress(progress: readonly VariantProgress[]): string {
  const finished = progress.filter((p) => p.finished).length;
  const resumed = progress.filter((p) => !p.finished && p.doneEpochs > 0);
  const parts: string[] = [];
  if (finished > 0) parts.push(`${finished} of ${progress.length} variants already in the results file`);
  for (const p of resumed)
    parts.push(
      p.doneEpochs >= p.epochs
        ? `${p.id} has all ${p.epochs} epochs in its checkpoint (scored, not trained)`
        : `${p.id} resumes after epoch ${p.doneEpochs} of ${p.epochs}`,
    );
  return parts.join('; ');
}
