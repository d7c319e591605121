// The browser entry (`@dlkit/datasets/browser`, and what bundlers get for `@dlkit/datasets` under the
// `browser` condition): everything that needs no file system — class names, splits, subsets, seeded
// shuffles, batches, the transforms, resizing, tokenising and vocabularies. The file and download loaders
// (loadMnist, loadCifar10, loadImageFolder, downloadFile, …) are Node-only and live in the main entry.
export { DatasetError } from './errors';
export type { DatasetErrorCode, DatasetErrorDetails } from './errors';

export type { ImageDataset, TrainTest, PixelType, PixelArray } from './dataset';
export {
  MNIST_CLASS_NAMES,
  FASHION_MNIST_CLASS_NAMES,
  CIFAR10_CLASS_NAMES,
  CIFAR100_FINE_CLASS_NAMES,
  CIFAR100_COARSE_CLASS_NAMES,
} from './class-names';
export { resizeBilinear } from './resize';

export { holdOut, stratifiedHoldOut, kFold, stratifiedKFold } from './split';
export type { SplitIndices, HoldOutOptions, KFoldOptions } from './split';
export { gather, subset } from './subset';
export type { SubsetOptions } from './subset';
export { createRng, permutation, deriveSeed } from './random';
export type { Rng } from './random';
export { batches, batchCount } from './batches';
export type { Batch, BatchOptions } from './batches';
export { tensorBatches } from './tensor-batches';
export type { TensorBatch, TensorBatchOptions, TensorFactory, DisposableTensor } from './tensor-batches';
export { scaleToUnit, channelStats, normalize, gaussianNoise, oneHot, randomCrop, horizontalFlip } from './transforms';
export type { Nhwc, GaussianNoiseOptions } from './transforms';

export { tokenize } from './tokenize';
export { buildVocabulary, encode, decode } from './vocabulary';
export type { Vocabulary, VocabularyOptions } from './vocabulary';
