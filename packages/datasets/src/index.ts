// Everything that needs no file system (the browser entry), then the Node-only readers, loaders and cache.
export * from './browser';

export { readIdxFile, readMaybeGzip } from './idx';
export { loadMnist, readIdxImageDataset } from './mnist';
export type { LoadMnistOptions } from './mnist';
export { loadMnistSample } from './mnist-sample';
export type { LoadMnistSampleOptions } from './mnist-sample';
export { loadCifar10, loadCifar100 } from './cifar';
export type { LoadCifarOptions } from './cifar';
export { loadCifar10Images } from './cifar-images';
export type { LoadCifarImagesOptions } from './cifar-images';
export { extractTar } from './tar';
export { loadImageFolder } from './image-folder';
export type { LoadImageFolderOptions, ImageFolderDataset } from './image-folder';
export { decodeImage, PIL_MAX_IMAGE_PIXELS } from './image-decode';
export type { RgbaImage, DecodeImageOptions } from './image-decode';
export { cacheDir, isOffline, CACHE_DIR_ENV, OFFLINE_ENV } from './cache-dir';
export { downloadFile } from './download';
export type { DownloadOptions, DownloadResult } from './download';
export { hashFile, verifyFile, checkChecksum } from './checksum';
export type { Checksum } from './checksum';
export { progressListener } from './progress';
export type { ProgressOption } from './progress';
export { loadTextCorpus } from './text-corpus';
export { loadPtb } from './ptb';
export type { LoadPtbOptions, PtbCorpus } from './ptb';
export type { TextCorpus, TextCorpusSources, TextCorpusOptions } from './text-corpus';
