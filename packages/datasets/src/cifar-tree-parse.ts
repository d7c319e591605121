// The CIFAR image-tree layout, pure (browser-safe): `train|test/<class>/<image>` paths → which image goes
// where, in which order. Decoding is done by cifar-images.ts (Node).
import { DatasetError } from './errors';

/** One image of a CIFAR image tree: its path (as given) and class id. */
export interface CifarTreeImage {
  path: string;
  label: number;
}

/** Where every image of a CIFAR image tree goes. */
export interface CifarTreePlan {
  train: CifarTreeImage[];
  test: CifarTreeImage[];
}

const SPLITS = ['train', 'test'] as const;

/** File extensions of the images a CIFAR image tree may hold (compared lower case). */
export const CIFAR_IMAGE_EXTENSIONS: readonly string[] = ['.jpg', '.jpeg', '.png'];

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Sorts the image paths of a CIFAR image tree (`[prefix/]train|test/<class>/[sub/]name.{jpg,jpeg,png}`, `/`
 * separators) into the two splits: class ids follow `classNames` (CIFAR's label order, not the order found),
 * images within a class in torchvision `ImageFolder` order (folder path, then name). Paths that are not
 * images are ignored; a leading folder common to all images (`cifar10/train/…`) is allowed.
 *
 * @throws {DatasetError} `MISMATCH` for a class folder whose name is not in `classNames` or an image outside a
 *   class folder; `NOT_FOUND` for a split with no image or a class with no image in a split.
 * @example
 * ```ts
 * planCifarTree(['train/cat/0001.jpg', 'test/dog/0002.jpg', …], CIFAR10_CLASS_NAMES, 'cifar10-jpg.tar.gz');
 * ```
 */
export function planCifarTree(paths: Iterable<string>, classNames: readonly string[], source: string): CifarTreePlan {
  const classIds = new Map(classNames.map((name, id) => [name, id]));
  const found: Record<(typeof SPLITS)[number], { label: number; dir: string; name: string; path: string }[]> = {
    train: [],
    test: [],
  };
  let prefix: string | undefined;
  for (const path of paths) {
    const parts = path.split('/').filter((p) => p !== '' && p !== '.');
    const name = parts.at(-1) ?? '';
    if (!CIFAR_IMAGE_EXTENSIONS.includes(extensionOf(name))) continue;
    const at = parts.findIndex((p) => p === 'train' || p === 'test');
    if (at < 0) {
      throw new DatasetError('Image outside the train/ and test/ folders', {
        code: 'MISMATCH',
        file: source,
        field: 'path',
        received: path,
        expected: '[prefix/]train|test/<class>/<image>',
      });
    }
    const here = parts.slice(0, at).join('/');
    if (prefix === undefined) prefix = here;
    else if (here !== prefix) {
      throw new DatasetError('Images under two different CIFAR trees', {
        code: 'MISMATCH',
        file: source,
        field: 'path',
        received: path,
        expected: `every image under ${prefix === '' ? 'the top' : `${prefix}/`}train|test/`,
      });
    }
    if (parts.length - at < 3) {
      throw new DatasetError('Image outside a class folder', {
        code: 'MISMATCH',
        file: source,
        field: 'path',
        received: path,
        expected: `${parts[at]}/<class>/<image> with <class> one of ${classNames.join(', ')}`,
      });
    }
    const className = parts[at + 1];
    const label = classIds.get(className);
    if (label === undefined) {
      throw new DatasetError('Unknown class folder', {
        code: 'MISMATCH',
        file: source,
        field: `${parts.slice(0, at + 2).join('/')}`,
        received: className,
        expected: `one of ${classNames.join(', ')}`,
        hint: "class folders must be named as the dataset's classes",
      });
    }
    found[parts[at] as 'train' | 'test'].push({ label, dir: parts.slice(0, -1).join('/'), name, path });
  }
  const plan: CifarTreePlan = { train: [], test: [] };
  for (const split of SPLITS) {
    const images = found[split];
    const where = prefix ? `${prefix}/${split}` : split;
    if (images.length === 0) {
      throw new DatasetError(`The ${split} split holds no image`, {
        code: 'NOT_FOUND',
        file: source,
        field: where,
        received: '0 images',
        expected: `${where}/<class>/<image>.{jpg,png} for each of ${classNames.length} classes`,
      });
    }
    const counts = new Array<number>(classNames.length).fill(0);
    for (const image of images) counts[image.label]++;
    const missing = counts.indexOf(0);
    if (missing >= 0) {
      throw new DatasetError(`A class has no image in the ${split} split`, {
        code: 'NOT_FOUND',
        file: source,
        field: `${where}/${classNames[missing]}`,
        received: 'no such folder, or no image in it',
        expected: `images of every class: ${classNames.join(', ')}`,
      });
    }
    images.sort((a, b) => a.label - b.label || compare(a.dir, b.dir) || compare(a.name, b.name));
    plan[split] = images.map(({ path, label }) => ({ path, label }));
  }
  return plan;
}
