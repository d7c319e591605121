import type { ImageDataset } from '@dlkit/datasets';
import { runVariant, type RunOptions, type VariantResult } from './run-variant';
import type { StudyId, StudyPlan, VariantSpec } from './variants';

/** A finished study. */
export interface StudyResult {
  id: StudyId;
  title: string;
  question: string;
  variants: VariantResult[];
  /** Wall time of the whole study, seconds. */
  seconds: number;
}

/** Options of {@link runStudies}: the training options plus a hook per finished variant. */
export interface RunStudiesOptions extends RunOptions {
  /** Called after each variant (e.g. to print a line). */
  onVariant?: (result: VariantResult, index: number, of: number) => void;
  /** Called before each variant. */
  onVariantStart?: (spec: VariantSpec, index: number, of: number) => void;
}

/**
 * Runs every variant of every planned study, one after the other, on the same data and seed.
 *
 * @example
 * ```ts
 * const data = await loadData({ trainPerClass: 100 });
 * const results = await runStudies(studyPlan(['cifarnet', 'deep']), data.train, data.test, { epochs: 4, seed: 1 });
 * console.log(studyTable(results[0]));
 * ```
 */
export async function runStudies(
  plans: readonly StudyPlan[],
  trainSet: ImageDataset<Float32Array>,
  testSet: ImageDataset<Float32Array>,
  options: RunStudiesOptions,
): Promise<StudyResult[]> {
  const total = plans.reduce((s, p) => s + p.variants.length, 0);
  let index = 0;
  const out: StudyResult[] = [];
  for (const plan of plans) {
    const t0 = performance.now();
    const variants: VariantResult[] = [];
    for (const spec of plan.variants) {
      options.onVariantStart?.(spec, index, total);
      const r = await runVariant(spec, trainSet, testSet, options);
      variants.push(r);
      options.onVariant?.(r, index, total);
      index++;
    }
    out.push({ id: plan.id, title: plan.title, question: plan.question, variants, seconds: (performance.now() - t0) / 1000 });
  }
  return out;
}
