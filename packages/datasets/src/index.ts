// Everything that needs no file system (the browser entry), then the Node-only readers, loaders and cache.
export * from './browser';

export { readIdxFile, readMaybeGzip } from './idx';
export { loadMnist, readIdxImageDataset } from './mnist';
export type { LoadMnistOptions } from './mnist';
export { loadMnistSample } from './mnist-sample';
export type { LoadMnistSampleOptions } from './mnist-sample';
export { loadCifar10, loadCifar100 } from './cifar';
export type { LoadCifarOptions } from './cifar';
export { extractTar } from './tar';
export { loadImageFolder } from './image-folder';
export type { LoadImageFolderOptions, ImageFolderDataset } from './image-folder';
export { decodeImage } from './image-decode';
export type { RgbaImage } from './image-decode';
export { cacheDir, isOffline, CACHE_DIR_ENV, OFFLINE_ENV } from './cache-dir';
export { downloadFile } from './download';
export type { DownloadOptions, DownloadResult } from './download';
export { hashFile, verifyFile } from './checksum';
export type { Checksum } from './checksum';
export { progressListener } from './progress';
export type { ProgressOption } from './progress';
export { loadTextCorpus } from './text-corpus';
export type { TextCorpus, TextCorpusSources, TextCorpusOptions } from './text-corpus';
