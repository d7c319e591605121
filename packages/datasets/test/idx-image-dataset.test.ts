import { describe, expect, it } from 'vitest';
import { MNIST_CLASS_NAMES } from '../src/class-names';
import { idxImageDataset } from '../src/idx-image-dataset';
import { parseIdx } from '../src/idx-parse';
import { catchSync, idxBytes, tinyMnist } from './helpers';

describe('idxImageDataset', () => {
  it('pairs images [n, h, w] with labels [n] into an NHWC dataset without copying', () => {
    const { images, labels } = tinyMnist(3);
    const im = parseIdx(images);
    const lb = parseIdx(labels);
    const ds = idxImageDataset(im, lb, MNIST_CLASS_NAMES);
    expect(ds.shape).toEqual([3, 28, 28, 1]);
    expect(ds.images).toBe(im.data);
    expect(ds.labels).toBe(lb.data);
    expect(ds.classNames).toBe(MNIST_CLASS_NAMES);
  });

  it('rejects wrong ranks/types, count mismatches and labels out of range, naming the file', () => {
    const im = parseIdx(tinyMnist(3).images);
    const lb = parseIdx(tinyMnist(3).labels);
    const swapped = catchSync(() => idxImageDataset(lb, im, MNIST_CLASS_NAMES, { imagesFile: 'a', labelsFile: 'b' }));
    expect(swapped.code).toBe('BAD_FORMAT');
    expect(swapped.file).toBe('a');
    const count = catchSync(() =>
      idxImageDataset(im, parseIdx(idxBytes([2], new Uint8Array(2))), MNIST_CLASS_NAMES, { labelsFile: 'l.idx' }),
    );
    expect(count).toMatchObject({ code: 'MISMATCH', field: 'count', file: 'l.idx', received: 2 });
    const range = catchSync(() => idxImageDataset(im, parseIdx(idxBytes([3], new Uint8Array([0, 10, 1]))), MNIST_CLASS_NAMES));
    expect(range).toMatchObject({ code: 'MISMATCH', field: 'labels[1]', file: '<labels>', received: 10 });
  });
});
