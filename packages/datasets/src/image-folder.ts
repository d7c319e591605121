import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageDataset, PixelArray, PixelType } from './dataset';
import { DatasetError, check, loadingDataset } from './errors';
import { fileError } from './idx';
import { checkPixelLimits, decodeImage, type DecodeImageOptions } from './image-decode';
import { subFolders, walkImages } from './image-walk';
import { resizeBilinear } from './resize';

/** Options for {@link loadImageFolder}. */
export interface LoadImageFolderOptions<D extends PixelType = PixelType> extends DecodeImageOptions {
  /** Output size: one number for square images, or `[height, width]`. Required. */
  size: number | readonly [number, number];
  /** 3 for RGB (default), 1 for grayscale (ITU-R 601-2 luma, as Pillow's `convert('L')`). */
  channels?: 1 | 3;
  /** File extensions to read, lower case. Default `['.jpg', '.jpeg', '.png']`. */
  extensions?: readonly string[];
  /** `'uint8'` (default) or `'float32'` scaled to [0, 1]. */
  dtype?: D;
}

/** An image-folder dataset: also lists the file behind each image. */
export interface ImageFolderDataset<T extends Uint8Array | Float32Array = Uint8Array | Float32Array> extends ImageDataset<T> {
  /** Path of each image, in dataset order. */
  files: string[];
}

/**
 * Loads `root/<class>/[sub-folders/]*.{jpg,jpeg,png}` as torchvision's `ImageFolder` does: classes are the
 * sub-folder names in sorted order; the images of a class are every matching file below its folder, nested
 * folders included, in `sorted(os.walk(..., followlinks=True))` order; symbolic links to class folders, folders
 * and images are followed. Each image's header is checked against the decompression-bomb limits (`maxPixels`,
 * `warnPixels`, Pillow's by default) before it is decoded (see {@link decodeImage}); it is then converted to RGB
 * or grayscale and resized to `size` with an antialiased bilinear filter (see {@link resizeBilinear}). Alpha
 * is dropped.
 *
 * @throws {DatasetError} `NOT_FOUND` for a missing root, no class folders or an empty class folder;
 *   `UNDECODABLE` naming the file for a broken image; `TOO_LARGE` naming it above `maxPixels`.
 * @example
 * ```ts
 * const train = await loadImageFolder('hymenoptera_data/train', { size: 224 });
 * train.classNames; // ['ants', 'bees']
 * train.shape;      // [244, 224, 224, 3]
 * ```
 */
export function loadImageFolder<D extends PixelType = 'uint8'>(
  root: string,
  options: LoadImageFolderOptions<D>,
): Promise<ImageFolderDataset<PixelArray<D>>> {
  return loadingDataset('image-folder', async () => {
    const [outH, outW] = typeof options.size === 'number' ? [options.size, options.size] : options.size;
    check(
      Number.isInteger(outH) && outH > 0 && Number.isInteger(outW) && outW > 0,
      'size',
      options.size,
      'a positive integer or [height, width]',
    );
    const channels = options.channels ?? 3;
    check(channels === 1 || channels === 3, 'channels', channels, '1 or 3');
    const extensions = (options.extensions ?? ['.jpg', '.jpeg', '.png']).map((e) => e.toLowerCase());
    checkPixelLimits(options);

    const classDirs = await subFolders(root);
    if (classDirs.length === 0) {
      throw new DatasetError('Image folder has no class sub-folders', {
        code: 'NOT_FOUND',
        file: root,
        received: 'no sub-folders',
        expected: 'root/<class>/<image> folders',
      });
    }
    check(classDirs.length <= 256, 'root', `${classDirs.length} class folders`, 'at most 256 classes (labels are Uint8Array)');
    const files: string[] = [];
    const fileLabels: number[] = [];
    for (let c = 0; c < classDirs.length; c++) {
      const dir = join(root, classDirs[c]);
      const paths = await walkImages(dir, extensions);
      if (paths.length === 0) {
        throw new DatasetError('Class folder holds no images', {
          code: 'NOT_FOUND',
          file: dir,
          field: `class '${classDirs[c]}'`,
          received: '0 images',
          expected: `at least one file ending in ${extensions.join(', ')}`,
        });
      }
      for (const path of paths) {
        files.push(path);
        fileLabels.push(c);
      }
    }

    const size = outH * outW * channels;
    const float = options.dtype === 'float32';
    const images = float ? new Float32Array(files.length * size) : new Uint8Array(files.length * size);
    for (let i = 0; i < files.length; i++) {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(files[i]);
      } catch (cause) {
        throw fileError(files[i], cause);
      }
      const img = decodeImage(bytes, files[i], options);
      const px = img.width * img.height;
      const pixels = new Float32Array(px * channels);
      for (let p = 0; p < px; p++) {
        const r = img.data[4 * p];
        const g = img.data[4 * p + 1];
        const b = img.data[4 * p + 2];
        if (channels === 3) {
          pixels[3 * p] = r;
          pixels[3 * p + 1] = g;
          pixels[3 * p + 2] = b;
        } else pixels[p] = (r * 299 + g * 587 + b * 114) / 1000;
      }
      const resized =
        img.width === outW && img.height === outH ? pixels : resizeBilinear(pixels, img.height, img.width, channels, outH, outW);
      const base = i * size;
      for (let j = 0; j < size; j++) {
        const v = Math.min(255, Math.max(0, resized[j]));
        images[base + j] = float ? v / 255 : Math.round(v);
      }
    }
    return {
      images: images as PixelArray<D>,
      labels: Uint8Array.from(fileLabels),
      shape: [files.length, outH, outW, channels],
      classNames: classDirs,
      files,
    };
  });
}
