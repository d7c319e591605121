// Names and digests of the official MNIST / Fashion-MNIST files (browser-safe), shared by loadMnist and fetchMnist.
import { FASHION_MNIST_CLASS_NAMES, MNIST_CLASS_NAMES } from './class-names';
import { DatasetError } from './errors';

/** Which MNIST-format dataset: handwritten digits (LeCun et al. 1998) or Zalando's Fashion-MNIST. */
export type MnistVariant = 'digits' | 'fashion';

/** The four files of an MNIST-format dataset. */
export type MnistFileKey = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';

/** File names and md5 digests of the official gzipped files (as listed by torchvision). */
export const MNIST_RESOURCES: Readonly<
  Record<
    MnistVariant,
    {
      mirrors: readonly string[];
      files: Readonly<Record<MnistFileKey, { name: string; md5: string }>>;
    }
  >
> = {
  digits: {
    mirrors: ['https://ossci-datasets.s3.amazonaws.com/mnist/', 'http://yann.lecun.com/exdb/mnist/'],
    files: {
      trainImages: { name: 'train-images-idx3-ubyte.gz', md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873' },
      trainLabels: { name: 'train-labels-idx1-ubyte.gz', md5: 'd53e105ee54ea40749a09fcbcd1e9432' },
      testImages: { name: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3' },
      testLabels: { name: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c' },
    },
  },
  fashion: {
    mirrors: ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'],
    files: {
      trainImages: { name: 'train-images-idx3-ubyte.gz', md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d' },
      trainLabels: { name: 'train-labels-idx1-ubyte.gz', md5: '25c81989df183df01b3e8a0aad5dffbe' },
      testImages: { name: 't10k-images-idx3-ubyte.gz', md5: 'bef4ecab320f06d8554ea6380940ec79' },
      testLabels: { name: 't10k-labels-idx1-ubyte.gz', md5: 'bb300cfdad3c16e7a12a480ee83cd310' },
    },
  },
};

/**
 * Class names of an MNIST variant, rejecting unknown variants with a `BAD_ARGUMENT` error. Internal helper.
 */
export function mnistClassNames(variant: MnistVariant): readonly string[] {
  if (!Object.hasOwn(MNIST_RESOURCES, variant)) {
    throw new DatasetError('Unknown MNIST variant', {
      code: 'BAD_ARGUMENT',
      field: 'variant',
      received: variant,
      expected: "'digits' or 'fashion'",
    });
  }
  return variant === 'digits' ? MNIST_CLASS_NAMES : FASHION_MNIST_CLASS_NAMES;
}
