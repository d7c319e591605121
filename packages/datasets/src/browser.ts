// The browser entry (`@dlkit/datasets/browser`, and what bundlers get for `@dlkit/datasets` under the
// `browser` condition): everything that needs no file system — the HTTP loaders (fetch + DecompressionStream
// + a pure md5), the IDX / tar / CIFAR parsers, class names, splits, subsets, seeded shuffles, batches, the
// transforms, resizing, tokenising and vocabularies. The file and disk-cache loaders (loadMnist, loadCifar10,
// loadImageFolder, downloadFile, …) are Node-only and live in the main entry.
export { DatasetError } from './errors';
export type { DatasetErrorCode, DatasetErrorDetails, DatasetName } from './errors';

export type { ImageDataset, TrainTest, PixelType, PixelArray } from './dataset';
export {
  MNIST_CLASS_NAMES,
  FASHION_MNIST_CLASS_NAMES,
  CIFAR10_CLASS_NAMES,
  CIFAR100_FINE_CLASS_NAMES,
  CIFAR100_COARSE_CLASS_NAMES,
} from './class-names';
export { resizeBilinear } from './resize';

export { browserCache } from './bytes-cache';
export type { BytesCache, BrowserCacheOptions, CacheStorageLike } from './bytes-cache';
export { fetchBytes } from './fetch-bytes';
export type { FetchBytesOptions, FetchFunction } from './fetch-bytes';
export { fetchMnist } from './fetch-mnist';
export type { FetchMnistOptions } from './fetch-mnist';
export { fetchCifar10, fetchCifar100 } from './fetch-cifar';
export type { FetchCifarOptions } from './fetch-cifar';
export { gunzip } from './gunzip';
export { md5 } from './md5';
export { parseIdx, isGzip } from './idx-parse';
export type { IdxArray, IdxData, IdxDataType, IdxOptions } from './idx-parse';
export { idxImageDataset } from './idx-image-dataset';
export type { IdxImageDatasetSources } from './idx-image-dataset';
export { MNIST_RESOURCES } from './mnist-resources';
export type { MnistVariant, MnistFileKey } from './mnist-resources';
export { parseCifar10, parseCifar100 } from './cifar-parse';
export type { Cifar100Dataset } from './cifar-parse';
export { parseTar, safeEntryPath } from './tar-parse';
export { imageDimensions } from './image-header';
export type { ImageDimensions } from './image-header';
export type { TarEntry } from './tar-parse';
export type { ProgressEvent, ProgressListener } from './progress';

export { holdOut, stratifiedHoldOut, kFold, stratifiedKFold } from './split';
export type { SplitIndices, HoldOutOptions, KFoldOptions } from './split';
export { gather, subset } from './subset';
export type { SubsetOptions } from './subset';
// The seeded generator lives in @dlkit/core; re-exported here because datasets has always offered these names.
export { createRng, permutation, deriveSeed } from '@dlkit/core';
export type { Rng } from '@dlkit/core';
export { batches, batchCount } from './batches';
export type { Batch, BatchOptions } from './batches';
export { tensorBatches } from './tensor-batches';
export type { TensorBatch, TensorBatchOptions, TensorFactory, DisposableTensor } from './tensor-batches';
export { scaleToUnit, channelStats, normalize, gaussianNoise, oneHot, randomCrop, horizontalFlip } from './transforms';
export type { Nhwc, GaussianNoiseOptions } from './transforms';

export { tokenize } from './tokenize';
export { PTB_RESOURCES } from './ptb-resources';
export type { PtbSplit } from './ptb-resources';
export { buildVocabulary, encode, decode } from './vocabulary';
export type { Vocabulary, VocabularyOptions } from './vocabulary';
