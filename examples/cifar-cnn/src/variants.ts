import type { ActivationKind, OptimizerSpec } from '@dlkit/models';
import { check } from './errors';

/**
 * The studies: seed 004's TensorFlow-tutorial net (`tf`: batch size, L2 on fc1/fc2, dropout), CifarNet
 * regularisation, the deep net's ingredients (seed 003), and the conv × fc depth grid (seed 003).
 */
export type StudyId = 'tf' | 'cifarnet' | 'deep' | 'grid';

/** Every study, in run order. */
export const ALL_STUDY_IDS: readonly StudyId[] = ['tf', 'cifarnet', 'deep', 'grid'];

/** The studies of a default run (the `tf` study is the real-data baseline of `--full` and is asked for by name). */
export const STUDY_IDS: readonly StudyId[] = ['cifarnet', 'deep', 'grid'];

/** The TensorFlow CIFAR-10 tutorial's net (`@dlkit/models` `cifarNetTf`, seed 004) with its settings. */
export interface CifarNetTfModelSpec {
  kind: 'cifarnet-tf';
  /** Maps of the two 5×5 convolutions. */
  filters: [number, number];
  /** Units of fc1 and fc2. */
  units: [number, number];
  /** Dropout before the softmax layer, after fc2 (0: none). */
  dropout: number;
  /** L2 penalty λ Σ w² on the kernels of fc1 and fc2 only (the tutorial's weight decay on the fc layers). */
  fcL2: number;
}

/** CifarNet (`@dlkit/models` `cifarNet`) with its settings. */
export interface CifarNetModelSpec {
  kind: 'cifarnet';
  /** Maps of the three 5×5 convolutions. */
  filters: [number, number, number];
  /** Dropout before the softmax layer (0: none). */
  dropout: number;
}

/** The deep CIFAR net (`@dlkit/models` `deepCifarNet`) with its settings. */
export interface DeepNetModelSpec {
  kind: 'deep';
  /** Maps before / after the first pool. */
  filters: [number, number];
  /** Hidden dense layers. */
  units: number[];
  /** Number of 3×3 convolutions. */
  convLayers: number;
  activation: ActivationKind;
  batchNorm: boolean;
}

/** One trained configuration of a study. */
export interface VariantSpec {
  study: StudyId;
  /** Short unique name within the study, e.g. `batch 128`. */
  name: string;
  /** True for the study's reference configuration. */
  baseline: boolean;
  model: CifarNetTfModelSpec | CifarNetModelSpec | DeepNetModelSpec;
  optimizer: OptimizerSpec;
  batchSize: number;
  /** L2 penalty `λ Σ w²` on every kernel (the trainer's `l2`; Caffe's weight_decay w equals λ = w / 2). */
  l2: number;
  /** Grid position (grid study only). */
  grid?: { conv: number; fc: number };
}

/** A study: its question and the variants that answer it. */
export interface StudyPlan {
  id: StudyId;
  title: string;
  /** The seed finding the study re-examines. */
  question: string;
  variants: VariantSpec[];
}

/** Model sizes and grid axes of the studies. */
export interface StudySettings {
  /** TF-tutorial net conv maps. Default `[64, 64]` (the tutorial's). */
  tfFilters?: [number, number];
  /** TF-tutorial net fc1/fc2 units. Default `[384, 192]`. */
  tfUnits?: [number, number];
  /** CifarNet conv maps. Default `[32, 32, 64]` (Caffe's cifar10_full). */
  cifarFilters?: [number, number, number];
  /** Deep-net maps before/after the first pool. Default `[16, 32]` (the seed's 64/128 is ~16× the compute). */
  deepFilters?: [number, number];
  /** Deep-net hidden dense units, first to last; the grid uses the first `fc` of them. Default `[128, 64]`. */
  deepUnits?: number[];
  /** Conv depths of the grid. Default `[2, 4, 7]`. */
  gridConv?: number[];
  /** Hidden fc layer counts of the grid (each ≤ deepUnits.length). Default `[0, 1, 2]`. */
  gridFc?: number[];
}

const MOMENTUM: OptimizerSpec = { name: 'momentum', learningRate: 0.01, momentum: 0.9 };

/**
 * The variants of each requested study. CifarNet: batch size 32 / 64 / 128, L2 λ 5e-4 / 5e-3, dropout 0.5,
 * around a baseline of batch 64, SGD with momentum 0.9 at η = 0.01, no L2, no dropout. The deep net: ReLU vs
 * sigmoid vs tanh, momentum vs plain SGD at the same constant η = 0.01, Adadelta (η = 1, ρ = 0.95) vs that
 * constant rate, batch norm vs none, around ReLU + batch norm + momentum. The grid: every conv depth × number
 * of hidden fc layers, with the deep net's baseline recipe.
 *
 * @example
 * ```ts
 * const [deep] = studyPlan(['deep']);
 * deep.variants.map((v) => v.name);   // ['ReLU (baseline)', 'sigmoid', 'tanh', 'no momentum', 'Adadelta', 'no batch norm']
 * ```
 */
export function studyPlan(ids: readonly StudyId[], settings: StudySettings = {}): StudyPlan[] {
  check(
    ids.length > 0 && ids.every((id) => ALL_STUDY_IDS.includes(id)),
    'studies',
    ids,
    `a non-empty list of ${ALL_STUDY_IDS.join(', ')}`,
  );
  const tff = settings.tfFilters ?? [64, 64];
  const tfu = settings.tfUnits ?? [384, 192];
  const cf = settings.cifarFilters ?? [32, 32, 64];
  const df = settings.deepFilters ?? [16, 32];
  const du = settings.deepUnits ?? [128, 64];
  const gc = settings.gridConv ?? [2, 4, 7];
  const gf = settings.gridFc ?? [0, 1, 2];
  check(gc.length > 0 && gc.every((v) => Number.isInteger(v) && v >= 1), 'gridConv', gc, 'conv depths ≥ 1');
  check(
    gf.length > 0 && gf.every((v) => Number.isInteger(v) && v >= 0 && v <= du.length),
    'gridFc',
    gf,
    `fc layer counts in 0 … ${du.length}`,
  );
  const plans: StudyPlan[] = [];
  for (const id of ALL_STUDY_IDS.filter((s) => ids.includes(s))) {
    if (id === 'tf') {
      const v = (name: string, o: { batchSize?: number; fcL2?: number; dropout?: number } = {}): VariantSpec => ({
        study: id,
        name,
        baseline: Object.keys(o).length === 0,
        model: { kind: 'cifarnet-tf', filters: tff, units: tfu, dropout: o.dropout ?? 0, fcL2: o.fcL2 ?? 0 },
        optimizer: MOMENTUM,
        batchSize: o.batchSize ?? 64,
        l2: 0,
      });
      plans.push({
        id,
        title: 'TF-tutorial net (seed 004): batch size, L2 on fc1/fc2, dropout',
        question:
          'Batch 128 is cheaper per image than 64 at a small cost in accuracy per epoch; weight decay on the fully connected layers and dropout reduce overfitting.',
        variants: [
          v('batch 64 (baseline)'),
          v('batch 128', { batchSize: 128 }),
          // The tutorial's weight decay 0.004 on tf.nn.l2_loss (Σ w² / 2) is λ = 0.002 in λ Σ w².
          v('L2 fc1/fc2 0.002', { fcL2: 0.002 }),
          v('dropout 0.5', { dropout: 0.5 }),
        ],
      });
    } else if (id === 'cifarnet') {
      const v = (name: string, o: { batchSize?: number; l2?: number; dropout?: number } = {}): VariantSpec => ({
        study: id,
        name,
        baseline: Object.keys(o).length === 0,
        model: { kind: 'cifarnet', filters: cf, dropout: o.dropout ?? 0 },
        optimizer: MOMENTUM,
        batchSize: o.batchSize ?? 64,
        l2: o.l2 ?? 0,
      });
      plans.push({
        id,
        title: 'CifarNet: batch size, L2 weight decay, dropout',
        question:
          'Smaller batches take more steps per epoch (better accuracy per epoch, slower per image); L2 and dropout trade training fit for generalisation.',
        variants: [
          v('batch 64 (baseline)'),
          v('batch 32', { batchSize: 32 }),
          v('batch 128', { batchSize: 128 }),
          v('L2 5e-4', { l2: 5e-4 }),
          v('L2 5e-3', { l2: 5e-3 }),
          v('dropout 0.5', { dropout: 0.5 }),
        ],
      });
    } else if (id === 'deep') {
      const v = (
        name: string,
        o: { activation?: ActivationKind; batchNorm?: boolean; optimizer?: OptimizerSpec } = {},
      ): VariantSpec => ({
        study: id,
        name,
        baseline: Object.keys(o).length === 0,
        model: {
          kind: 'deep',
          filters: df,
          units: du,
          convLayers: 7,
          activation: o.activation ?? 'relu',
          batchNorm: o.batchNorm ?? true,
        },
        optimizer: o.optimizer ?? MOMENTUM,
        batchSize: 64,
        l2: 0,
      });
      plans.push({
        id,
        title: 'Deep net (7 conv + batch norm): activation, momentum, Adadelta, batch norm',
        question:
          'ReLU trains deep nets faster than sigmoid or tanh; momentum beats plain SGD; Adadelta needs no rate tuning; batch norm speeds training.',
        variants: [
          v('ReLU (baseline)'),
          v('sigmoid', { activation: 'sigmoid' }),
          v('tanh', { activation: 'tanh' }),
          v('no momentum', { optimizer: { name: 'sgd', learningRate: 0.01 } }),
          v('Adadelta', { optimizer: { name: 'adadelta', learningRate: 1, rho: 0.95 } }),
          v('no batch norm', { batchNorm: false }),
        ],
      });
    } else {
      const variants: VariantSpec[] = [];
      for (const conv of gc) {
        for (const fc of gf) {
          variants.push({
            study: id,
            name: `conv ${conv} × fc ${fc}`,
            baseline: conv === 7 && fc === 2,
            model: { kind: 'deep', filters: df, units: du.slice(0, fc), convLayers: conv, activation: 'relu', batchNorm: true },
            optimizer: MOMENTUM,
            batchSize: 64,
            l2: 0,
            grid: { conv, fc },
          });
        }
      }
      plans.push({
        id,
        title: 'Depth grid: conv layers × hidden fc layers',
        question: 'Deeper conv stacks gain accuracy at a cost in time; extra fully connected layers add little.',
        variants,
      });
    }
  }
  return plans;
}

/** A file-name-safe name of a variant, unique within a run: `tf-batch-128`, `grid-conv-2-fc-0`. */
export function variantSlug(v: VariantSpec): string {
  return `${v.study}-${v.name
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}
