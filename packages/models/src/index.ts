export { ModelsError } from './errors';
export type { ModelsErrorCode, ModelsErrorOptions } from './errors';

export type { LabeledData } from './data';
export type { BuilderOptions, PoolingKind, ActivationKind } from './zoo/common';
export { mlp } from './zoo/mlp';
export type { MlpOptions } from './zoo/mlp';
export { mnistConvNet } from './zoo/mnist-convnet';
export type { MnistConvNetOptions } from './zoo/mnist-convnet';

export { train } from './train';
export type { TrainOptions, TrainResult } from './train';
export { trainingStep } from './training-step';
export type { TrainingStepOptions } from './training-step';
export type { EpochRecord, MonitorName } from './history';
export { createOptimizer, resolveOptimizerSpec } from './optimizers';
export type {
  OptimizerSpec,
  OptimizerName,
  ScheduledOptimizer,
  SgdSpec,
  MomentumSpec,
  AdadeltaSpec,
  AdamSpec,
} from './optimizers';
export { createSchedule } from './schedules';
export type {
  LrSchedule,
  StepSchedule,
  PlateauSchedule,
  HalveOnPlateauSchedule,
  DivideBy10OnPlateauSchedule,
  CustomSchedule,
  ScheduleRunner,
  ScheduleState,
} from './schedules';
export type { EarlyStopping, EarlyStoppingState, StopReason } from './early-stopping';
export { ttyProgress } from './progress';
export type { TrainProgressEvent, TrainProgressListener, TtyProgressOptions, ProgressStream } from './progress';
export { latestCheckpoint, restoreWeights, verifyCheckpoint, writeCheckpoint } from './checkpoint';
export type { CheckpointOptions, TrainerState } from './checkpoint';
export { CHECKPOINT_LOCK, lockCheckpointDir } from './checkpoint-lock';
export type { CheckpointLock } from './checkpoint-lock';
export { findResumePoint, restoreCheckpoint } from './train-resume';
export type { ResumePoint } from './train-resume';

export { evaluate } from './evaluate';
export type { EvaluateOptions, Evaluation } from './evaluate';
export { predictScores } from './predict';
export type { Inputs, FloatMatrix } from './predict';

export { fileSystem } from './file-io';
export type { FileSystemHandler } from './file-io';
export { saveModel, loadModel } from './save-load';
export type { LoadModelOptions, ModelLocation } from './save-load';
export { writeFileAtomic } from './atomic-write';

export { cifarNet, cifarNetTf } from './zoo/cifarnet';
export type { CifarNetOptions } from './zoo/cifarnet';
export { deepCifarNet } from './zoo/deep-cifar-net';
export type { DeepCifarNetOptions } from './zoo/deep-cifar-net';
export { smallAlexNet } from './zoo/small-alexnet';
export type { SmallAlexNetOptions } from './zoo/small-alexnet';

export { extractFeatures } from './features';
export type { ExtractFeaturesOptions, FeatureMatrix } from './features';
export { featureMaps } from './feature-maps';
export type { FeatureMaps } from './feature-maps';
export { cutAt, freeze, unfreeze, addHead, loadBody, transferLearn } from './transfer';
export type { HeadOptions, TransferOptions, TransferResult } from './transfer';
