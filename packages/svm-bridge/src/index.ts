export { SvmBridgeError } from './errors.js';
export type { FeatureMatrix, Labels } from './matrix.js';
export { resolveGamma } from './gamma.js';
export type { GammaOption } from './gamma.js';
export type { ClassWeightOption } from './class-weight.js';
export type { KernelName } from './kernel-model.js';
export { loadLibsvm } from './libsvm-loader.js';
export type { LibsvmLogger } from './libsvm-loader.js';
export { SVC } from './svc.js';
export type { SVCOptions, ResolvedSVCOptions } from './svc.js';
export { LinearSVC } from './linear-svc.js';
export type { LinearSVCOptions, ResolvedLinearSVCOptions } from './linear-svc.js';
export { StandardScaler } from './standard-scaler.js';
export { MinMaxScaler } from './min-max-scaler.js';
export { gridSearch } from './grid-search.js';
export type { GridSearchOptions, GridSearchRow, GridSearchResult } from './grid-search.js';
export { hog, hogBatch, hogLength } from './hog.js';
export type { HogOptions, GrayImageData } from './hog.js';
export { fromModel, trainOnModelFeatures } from './from-model.js';
export type {
  LayerFeatureExtractor,
  FromModelOptions,
  FeatureClassifier,
  LabelledInputs,
  TrainOnModelFeaturesOptions,
  ModelFeatureSvmResult,
} from './from-model.js';
