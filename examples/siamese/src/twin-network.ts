import { embeddingConvNet, type SiameseNetwork, siamese } from '@dlkit/siamese';
import type { ExperimentData } from './data';
import type { ExperimentOptions } from './options';

/**
 * A fresh twin ConvNet of the command line's widths (`--filters`, `--hidden`, `--embedding`) for the data's image
 * shape, with initial weights from `seed`: every setting and the baseline start from `opts.seed`, the estimate's
 * throwaway net from its own.
 */
export function twinNetwork(data: ExperimentData, opts: ExperimentOptions, seed: number = opts.seed): SiameseNetwork {
  return siamese(
    embeddingConvNet({
      inputShape: data.inputShape,
      filters: opts.filters,
      hidden: opts.hidden,
      embeddingSize: opts.embeddingSize,
      seed,
    }),
  );
}
