export { SiameseError } from './errors';
export { siamese } from './siamese';
export type { SiameseNetwork, SiameseOptions } from './siamese';
export { EuclideanDistance } from './distance-layer';
export { embeddingConvNet } from './embedding-convnet';
export type { EmbeddingConvNetOptions } from './embedding-convnet';
export { gatherImages } from './image-set';
export type { ImageSet } from './image-set';
export { anchorPairSampler, randomPairSampler, pairSampler, evaluationPairs, PAIR_STRATEGIES } from './pair-sampler';
export type { PairIndices, PairSampler, PairSamplerOptions, PairStrategy, EvaluationPairsOptions } from './pair-sampler';
export { pairLoss } from './pair-loss';
export type { PairLossOptions } from './pair-loss';
export { trainSiamese } from './train-siamese';
export type {
  TrainSiameseOptions,
  PairAugmentation,
  SiameseEvaluationOptions,
  SiameseProgress,
  SiameseHistory,
  SiameseEvaluationRecord,
} from './train-siamese';
export { embed } from './embed';
export type { EmbedOptions, EmbeddingMatrix } from './embed';
export { svmAccuracy } from './svm-accuracy';
export type { SvmAccuracy, SvmAccuracyOptions } from './svm-accuracy';
export { embeddingPicture } from './embedding-picture';
export type { EmbeddingPicture, EmbeddingPictureOptions } from './embedding-picture';
export { classDistances } from './class-distances';
export type { ClassDistances, ClassDistancesOptions } from './class-distances';
