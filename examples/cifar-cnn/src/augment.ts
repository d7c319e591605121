import { createRng, deriveSeed, horizontalFlip, randomCrop, type ImageDataset } from '@dlkit/datasets';

/** Re-draws the augmented training images; call it before each epoch. */
export interface Augmenter {
  /** The dataset to train on: its `images` are overwritten by each {@link Augmenter.next} call. */
  readonly data: ImageDataset<Float32Array>;
  /** Fills `data.images` with a fresh random crop (4-pixel zero padding) and horizontal flip of the originals. */
  next(): void;
}

/**
 * Standard CIFAR augmentation (random 32×32 crop of the image padded by 4, horizontal flip with p = 0.5),
 * drawn afresh for every epoch from the untouched originals into one reusable training buffer. Padding is
 * with zeros, i.e. with the mean colour of standardised images. Seeded: the same seed draws the same crops.
 *
 * @example
 * ```ts
 * const aug = augmenter(data.train, 1);
 * aug.next();                                  // epoch 1's images
 * await train(model, aug.data, { epochs: 5, onProgress: (e) => { if (e.type === 'epoch') aug.next(); } });
 * ```
 */
export function augmenter(original: ImageDataset<Float32Array>, seed: number): Augmenter {
  const data: ImageDataset<Float32Array> = { ...original, images: new Float32Array(original.images) };
  const rng = createRng(deriveSeed(seed, 0xa06));
  return {
    data,
    next() {
      const cropped = randomCrop(original.images, original.shape, { padding: 4, seed: rng });
      data.images.set(horizontalFlip(cropped, original.shape, { p: 0.5, seed: rng }));
    },
  };
}
