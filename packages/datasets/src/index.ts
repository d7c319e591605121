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

export { parseIdx, readIdxFile, readMaybeGzip, isGzip } from './idx';
export type { IdxArray, IdxData, IdxDataType, IdxOptions } from './idx';
export { loadMnist, readIdxImageDataset, MNIST_RESOURCES } from './mnist';
export type { LoadMnistOptions, MnistVariant, MnistFileKey } from './mnist';
export { loadMnistSample } from './mnist-sample';
export type { LoadMnistSampleOptions } from './mnist-sample';
export { loadCifar10, loadCifar100, parseCifar10, parseCifar100 } from './cifar';
export type { Cifar100Dataset, LoadCifarOptions } from './cifar';
export { parseTar, extractTar } from './tar';
export type { TarEntry } from './tar';
export { loadImageFolder } from './image-folder';
export type { LoadImageFolderOptions, ImageFolderDataset } from './image-folder';
export { decodeImage } from './image-decode';
export type { RgbaImage } from './image-decode';
export { resizeBilinear } from './resize';

export { cacheDir, isOffline, CACHE_DIR_ENV, OFFLINE_ENV } from './cache-dir';
export { downloadFile } from './download';
export type { DownloadOptions, DownloadResult } from './download';
export { hashFile, verifyFile } from './checksum';
export type { Checksum } from './checksum';
export { progressListener } from './progress';
export type { ProgressEvent, ProgressListener, ProgressOption } from './progress';

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
export { loadTextCorpus } from './text-corpus';
export type { TextCorpus, TextCorpusSources, TextCorpusOptions } from './text-corpus';
