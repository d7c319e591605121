import type { TrainProgressListener } from '@dlkit/models';
import { loadFolderData } from './data';
import { commonTarget, runTarget, type MethodName, type RunResult, type TargetOptions } from './transfer-experiment';

/** What {@link runFolderVariant} returns. */
export interface FolderVariantResult {
  classNames: readonly string[];
  trainImages: number;
  valImages: number;
  runs: RunResult[];
  /** The accuracy every method reached (see `commonTarget`). */
  target: number;
}

/**
 * The ants/bees-style variant: reads `folder/train/<class>/*` and `folder/val/<class>/*` with `loadImageFolder`,
 * then learns it from the pretrained model in `pretrainedDir` (feature extractor, fine-tune) and from scratch,
 * scoring on `val/` after every epoch.
 *
 * @example
 * ```ts
 * const r = await runFolderVariant('./pretrained', './hymenoptera_data', { epochs: 5, learningRate: 0.001 });
 * ```
 */
export async function runFolderVariant(
  pretrainedDir: string,
  folder: string,
  options: TargetOptions & {
    size?: number;
    methods?: readonly MethodName[];
    progress?: (method: MethodName) => TrainProgressListener;
  },
): Promise<FolderVariantResult> {
  const { train, val } = await loadFolderData(folder, options.size ?? 32);
  const runs: RunResult[] = [];
  for (const method of options.methods ?? (['feature extractor', 'fine-tune', 'from scratch'] as const)) {
    runs.push(
      await runTarget(method, pretrainedDir, train, val, {
        ...options,
        ...(options.progress ? { onProgress: options.progress(method) } : {}),
      }),
    );
  }
  return { classNames: train.classNames, trainImages: train.shape[0], valImages: val.shape[0], runs, target: commonTarget(runs) };
}
