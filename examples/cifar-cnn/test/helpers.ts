import type { EpochRecord } from '@dlkit/models';
import type { VariantResult } from '../src/run-variant';
import type { StudyResult } from '../src/studies';
import { studyPlan, type StudyId } from '../src/variants';

/** A made-up result for `name` of `study` with the given test accuracy (for table/report/finding tests). */
export function fakeStudy(id: StudyId, accuracy: (name: string) => number, settings = {}): StudyResult {
  const [plan] = studyPlan([id], settings);
  const variants: VariantResult[] = plan.variants.map((spec, i) => {
    const history: EpochRecord[] = [1, 2].map((epoch) => ({
      epoch,
      loss: 2 / epoch,
      accuracy: 0.3 * epoch,
      valLoss: 2.1 / epoch,
      valAccuracy: (accuracy(spec.name) * epoch) / 2,
      learningRate: 0.01,
      seconds: 1 + i,
      samplesPerSecond: 100,
    }));
    return {
      study: id,
      name: spec.name,
      baseline: spec.baseline,
      spec,
      parameters: 1000 + i,
      testAccuracy: accuracy(spec.name),
      testLoss: 1,
      finalTrainLoss: 1 / (i + 1),
      finalTrainAccuracy: 0.9,
      seconds: 2 + i,
      imagesPerSecond: spec.batchSize,
      cpuSeconds: ((3 + i) * 1000) / spec.batchSize,
      history,
    };
  });
  return { id, title: plan.title, question: plan.question, variants, seconds: 10 };
}
