import { DatasetError, loadMnist, type TrainTest } from '@dlkit/datasets';
import { withHint } from '@dlkit-examples/common';

/**
 * Fashion-MNIST from the IDX files in `root` (gzipped or not). When they cannot be found or read, `program`
 * stops with status 1 and the loader's message (the path, what it found, what it expected) with what
 * `--fashion-root` takes as its hint, instead of a stack trace; `alternative` adds what else the user can run. Both
 * scripts call it before any other work, so a missing data set costs nothing.
 *
 * @example
 * ```ts
 * const { train, test } = await loadFashion('hog-svm', '/usr/share/datasets/fashion-mnist');
 * ```
 */
export async function loadFashion(program: string, root: string, alternative?: string): Promise<TrainTest<Uint8Array>> {
  try {
    return await loadMnist({ variant: 'fashion', root });
  } catch (e) {
    if (!(e instanceof DatasetError)) throw e;
    console.error(`${program}: cannot load Fashion-MNIST from ${root}`);
    const takes =
      '--fashion-root takes the folder of the Fashion-MNIST IDX files (train-images-idx3-ubyte[.gz], …; ' +
      `Debian: apt-get install dataset-fashion-mnist)${alternative === undefined ? '' : `, ${alternative}`}`;
    // The loader's hint is for library users (`{ download: true }`); on this command line the answer is --fashion-root.
    console.error(`  ${withHint(e, takes)}`);
    return process.exit(1);
  }
}
