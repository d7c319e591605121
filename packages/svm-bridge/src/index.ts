export { SvmBridgeError } from './errors';
export type { FeatureMatrix, Labels } from './matrix';
export { resolveGamma } from './gamma';
export type { GammaOption } from './gamma';
export type { ClassWeightOption } from './class-weight';
export type { KernelName } from './kernel-model';
export { loadLibsvm } from './libsvm-loader';
export type { LibsvmLogger } from './libsvm-loader';
export { SVC } from './svc';
export type { SVCOptions, ResolvedSVCOptions } from './svc';
export { LinearSVC } from './linear-svc';
export type { LinearSVCOptions, ResolvedLinearSVCOptions } from './linear-svc';
export { StandardScaler } from './standard-scaler';
export { MinMaxScaler } from './min-max-scaler';
export { gridSearch } from './grid-search';
export type { GridSearchOptions, GridSearchRow, GridSearchResult } from './grid-search';
export { hog, hogBatch, hogLength } from './hog';
export type { HogOptions, GrayImageData } from './hog';
export { fromModel, trainOnModelFeatures } from './from-model';
export type {
  LayerFeatureExtractor,
  FromModelOptions,
  FeatureClassifier,
  LabelledInputs,
  TrainOnModelFeaturesOptions,
  ModelFeatureSvmResult,
} from './from-model';
