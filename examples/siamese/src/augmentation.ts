import { horizontalFlip, randomCrop } from '@dlkit/datasets';
import type { PairAugmentation } from '@dlkit/siamese';
import type { ExperimentOptions } from './options';

/**
 * `--augment`: CIFAR's usual training augmentation, a random crop with 4 pixels of zero padding and a horizontal
 * flip of half the images, applied to each branch's images every step: the remedy when the twin overfits its
 * training images (on real CIFAR-10 at 12 000 steps it does not, and crop + flip costs accuracy; see the README).
 */
export const cropAndFlip: PairAugmentation = (images, shape, random) =>
  horizontalFlip(randomCrop(images, shape, { padding: 4, seed: random }), shape, { p: 0.5, seed: random });

/** The `augment` option of `trainSiamese` the command line asks for (none without `--augment`). */
export function augmentOption(opts: Pick<ExperimentOptions, 'augment'>): { augment?: PairAugmentation } {
  return opts.augment ? { augment: cropAndFlip } : {};
}
