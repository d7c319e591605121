import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CIFAR100_COARSE_CLASS_NAMES,
  CIFAR100_FINE_CLASS_NAMES,
  CIFAR10_CLASS_NAMES,
  DatasetError,
  createRng,
  deriveSeed,
  loadCifar10,
  loadCifar100,
  type Cifar100Dataset,
  type ImageDataset,
  type PixelArray,
  type PixelType,
  type Rng,
} from '@dlkit/datasets';
import { writeFileAtomic } from '@dlkit/models';

/** Size and seed of the generated CIFAR stand-in. */
export interface SyntheticCifarOptions {
  /** Training images per class. Default 500 (CIFAR-10) / 100 (CIFAR-100). */
  trainPerClass?: number;
  /** Test images per class. Default 100 / 20. */
  testPerClass?: number;
  /** Seed of every random choice. Default 0. */
  seed?: number;
}

const SIZE = 32;
const RECORD_PIXELS = 3 * SIZE * SIZE;

// Ten shapes in coordinates centred on the object, |u|,|v| ≲ 0.5.
const SHAPES: ReadonlyArray<(u: number, v: number) => boolean> = [
  (u, v) => u * u + v * v < 0.2,
  (u, v) => Math.max(Math.abs(u), Math.abs(v)) < 0.38,
  (u, v) => v > -0.4 && v < 0.4 && Math.abs(u) < (v + 0.4) * 0.55,
  (u, v) => {
    const r = Math.hypot(u, v);
    return r > 0.28 && r < 0.45;
  },
  (u, v) => (Math.abs(u) < 0.12 && Math.abs(v) < 0.45) || (Math.abs(v) < 0.12 && Math.abs(u) < 0.45),
  (u, v) => Math.abs(u) < 0.45 && Math.abs(v) < 0.45 && Math.floor((v + 1) * 5) % 2 === 0,
  (u, v) => Math.abs(u) < 0.45 && Math.abs(v) < 0.45 && Math.floor((u + 1) * 5) % 2 === 0,
  (u, v) => Math.abs(u) + Math.abs(v) < 0.45,
  (u, v) => Math.abs(u) < 0.45 && Math.abs(v) < 0.45 && (Math.floor((u + 1) * 4) + Math.floor((v + 1) * 4)) % 2 === 0,
  (u, v) => (u - 0.22) ** 2 + v * v < 0.035 || (u + 0.22) ** 2 + v * v < 0.035,
];

function hueToRgb(h: number, s: number, l: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h * 12) % 12;
    const a = s * Math.min(l, 1 - l);
    return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
  };
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

function gauss(rng: Rng): number {
  let u = rng();
  while (u <= 1e-12) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/**
 * Draws one 32×32 image of `shape` with a foreground hue near `hue` into `out` in CIFAR's record layout
 * (R plane, G plane, B plane). Position, size, rotation, colours, background gradient, an occluder and
 * pixel noise vary per image so that the classes overlap and must be learnt, not read off one pixel.
 */
function drawImage(out: Uint8Array, offset: number, shape: number, hue: number, rng: Rng): void {
  const inside = SHAPES[shape];
  const cx = 16 + (rng() - 0.5) * 12;
  const cy = 16 + (rng() - 0.5) * 12;
  const scale = 1 / (SIZE * (0.55 + rng() * 0.45));
  const theta = (rng() - 0.5) * 0.8;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const fg = hueToRgb((hue + (rng() - 0.5) * 0.12 + 1) % 1, 0.55 + rng() * 0.4, 0.35 + rng() * 0.3);
  const bgA = hueToRgb(rng(), rng() * 0.5, 0.25 + rng() * 0.5);
  const bgB = hueToRgb(rng(), rng() * 0.5, 0.25 + rng() * 0.5);
  const gx = rng() - 0.5;
  const gy = rng() - 0.5;
  const ox = Math.floor(rng() * 28);
  const oy = Math.floor(rng() * 28);
  const ow = 3 + Math.floor(rng() * 6);
  const oh = 3 + Math.floor(rng() * 6);
  const oc = hueToRgb(rng(), rng(), 0.2 + rng() * 0.6);
  const noise = 10 + rng() * 20;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const dx = (x - cx) * scale;
      const dy = (y - cy) * scale;
      const u = cos * dx - sin * dy;
      const v = sin * dx + cos * dy;
      let c: [number, number, number];
      if (x >= ox && x < ox + ow && y >= oy && y < oy + oh) c = oc;
      else if (inside(u, v)) c = fg;
      else {
        const t = Math.min(1, Math.max(0, 0.5 + gx * (x / SIZE - 0.5) * 2 + gy * (y / SIZE - 0.5) * 2));
        c = [bgA[0] * (1 - t) + bgB[0] * t, bgA[1] * (1 - t) + bgB[1] * t, bgA[2] * (1 - t) + bgB[2] * t];
      }
      const p = y * SIZE + x;
      for (let ch = 0; ch < 3; ch++) {
        const value = c[ch] + gauss(rng) * noise;
        out[offset + ch * SIZE * SIZE + p] = value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
      }
    }
  }
}

/**
 * The records of a generated CIFAR-10 stand-in in the official binary layout (1 label byte + 3 072 pixel
 * bytes per image, classes interleaved): class k is shape k with its own hue.
 */
export function syntheticCifar10Records(perClass: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const n = perClass * 10;
  const out = new Uint8Array(n * (1 + RECORD_PIXELS));
  for (let i = 0; i < n; i++) {
    const label = i % 10;
    const at = i * (1 + RECORD_PIXELS);
    out[at] = label;
    drawImage(out, at + 1, label, label / 10, rng);
  }
  return out;
}

/**
 * The records of a generated CIFAR-100 stand-in in the official binary layout (coarse byte, fine byte,
 * 3 072 pixel bytes): fine class k belongs to coarse class ⌊k/5⌋; the coarse class fixes the shape
 * (shape ⌊k/5⌋ mod 10) and, with the fine class, the hue — so CIFAR-10 stand-in features transfer.
 */
export function syntheticCifar100Records(perClass: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const n = perClass * 100;
  const out = new Uint8Array(n * (2 + RECORD_PIXELS));
  for (let i = 0; i < n; i++) {
    const fine = i % 100;
    const coarse = Math.floor(fine / 5);
    const at = i * (2 + RECORD_PIXELS);
    out[at] = coarse;
    out[at + 1] = fine;
    const hue = ((fine % 5) / 5 + (coarse >= 10 ? 0.1 : 0)) % 1;
    drawImage(out, at + 2, coarse % 10, hue, rng);
  }
  return out;
}

/**
 * Writes the generated stand-in under `root` exactly as the official archives extract
 * (`cifar-10-batches-bin/data_batch_1..5.bin`, `test_batch.bin`, `batches.meta.txt`, or
 * `cifar-100-binary/train.bin`, `test.bin` and the label-name files), so `loadCifar10/100({ root })` reads it.
 */
export async function writeSyntheticCifar(root: string, which: 10 | 100, options: SyntheticCifarOptions = {}): Promise<string> {
  const seed = options.seed ?? 0;
  if (which === 10) {
    const dir = join(root, 'cifar-10-batches-bin');
    const perClass = options.trainPerClass ?? 500;
    const record = 1 + RECORD_PIXELS;
    const train = syntheticCifar10Records(perClass, deriveSeed(seed, 1));
    const n = perClass * 10;
    for (let b = 0; b < 5; b++) {
      const from = Math.floor((b * n) / 5);
      const to = Math.floor(((b + 1) * n) / 5);
      await writeFileAtomic(join(dir, `data_batch_${b + 1}.bin`), train.subarray(from * record, to * record));
    }
    await writeFileAtomic(join(dir, 'batches.meta.txt'), `${CIFAR10_CLASS_NAMES.join('\n')}\n`);
    await writeFileAtomic(join(dir, 'test_batch.bin'), syntheticCifar10Records(options.testPerClass ?? 100, deriveSeed(seed, 2)));
    return dir;
  }
  const dir = join(root, 'cifar-100-binary');
  await writeFileAtomic(join(dir, 'fine_label_names.txt'), `${CIFAR100_FINE_CLASS_NAMES.join('\n')}\n`);
  await writeFileAtomic(join(dir, 'coarse_label_names.txt'), `${CIFAR100_COARSE_CLASS_NAMES.join('\n')}\n`);
  await writeFileAtomic(join(dir, 'train.bin'), syntheticCifar100Records(options.trainPerClass ?? 100, deriveSeed(seed, 3)));
  await writeFileAtomic(join(dir, 'test.bin'), syntheticCifar100Records(options.testPerClass ?? 20, deriveSeed(seed, 4)));
  return dir;
}

/**
 * Writes CIFAR-10's six batch files cut short — 5 000 bytes each, not a whole number of 3 073-byte records — under
 * `root/cifar-10-batches-bin`, as an interrupted download or copy leaves them: for tests of what the examples say
 * about damaged data. Returns that folder.
 */
export async function writeCutCifar10Batches(root: string): Promise<string> {
  const dir = join(root, 'cifar-10-batches-bin');
  for (const f of ['data_batch_1', 'data_batch_2', 'data_batch_3', 'data_batch_4', 'data_batch_5', 'test_batch'])
    await writeFileAtomic(join(dir, `${f}.bin`), new Uint8Array(5000));
  return dir;
}

/** CIFAR data and where it came from. */
export interface CifarSource<T> {
  train: T;
  test: T;
  /** True when the real files were not found and the generated stand-in was used. */
  synthetic: boolean;
  /** Human-readable origin, printed by the examples and put in their reports. */
  source: string;
}

/** Options of {@link loadCifarOrStandIn}. */
export interface LoadCifarOrStandInOptions<D extends PixelType> extends SyntheticCifarOptions {
  /** Where the real CIFAR files are (see `loadCifar10`); default the dataset cache. */
  root?: string;
  /** Pixel type, as in `loadCifar10`. Default `'float32'`. */
  dtype?: D;
  /**
   * Never fall back: rethrow when CIFAR is missing. Default: true when `root` is given (a folder the user named
   * that lacks CIFAR is their mistake to hear about, not a reason to train on shapes), false for the dataset cache.
   */
  requireReal?: boolean;
}

/**
 * Loads real CIFAR-10/100 when its files are present; otherwise (unless `requireReal`, the default for a named
 * `root`) writes the generated stand-in (same binary
 * format, read back through the same reader) into a temp folder, loads that (removing the folder) and says so
 * in `source`.
 */
export async function loadCifarOrStandIn<D extends PixelType = 'float32'>(
  which: 10,
  options?: LoadCifarOrStandInOptions<D>,
): Promise<CifarSource<ImageDataset<PixelArray<D>>>>;
export async function loadCifarOrStandIn<D extends PixelType = 'float32'>(
  which: 100,
  options?: LoadCifarOrStandInOptions<D>,
): Promise<CifarSource<Cifar100Dataset<PixelArray<D>>>>;
export async function loadCifarOrStandIn<D extends PixelType = 'float32'>(
  which: 10 | 100,
  options: LoadCifarOrStandInOptions<D> = {},
): Promise<CifarSource<ImageDataset<PixelArray<D>> | Cifar100Dataset<PixelArray<D>>>> {
  const dtype = (options.dtype ?? 'float32') as D;
  const load = (root?: string) =>
    which === 10
      ? loadCifar10({ dtype, ...(root ? { root } : {}), offline: true })
      : loadCifar100({ dtype, ...(root ? { root } : {}), offline: true });
  try {
    const real = await load(options.root);
    return {
      train: real.train as never,
      test: real.test as never,
      synthetic: false,
      source: `CIFAR-${which} (${options.root ?? 'dataset cache'})`,
    };
  } catch (e) {
    const requireReal = options.requireReal ?? options.root !== undefined;
    if (requireReal || !(e instanceof DatasetError) || e.code !== 'NOT_FOUND') throw e;
  }
  const train = options.trainPerClass ?? (which === 10 ? 500 : 100);
  const test = options.testPerClass ?? (which === 10 ? 100 : 20);
  const seed = options.seed ?? 0;
  // A fresh folder per call, gone once read into memory: the files are rewritten on every call anyway (no
  // earlier copy is ever reused), and a fixed shared path would let concurrent runs delete each other's files.
  const root = await mkdtemp(join(tmpdir(), `dlkit-synthetic-cifar${which}-`));
  let data: Awaited<ReturnType<typeof load>>;
  try {
    await writeSyntheticCifar(root, which, { trainPerClass: train, testPerClass: test, seed });
    data = await load(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return {
    train: data.train as never,
    test: data.test as never,
    synthetic: true,
    source: `generated CIFAR-${which} stand-in (${train}/${test} images per class, seed ${seed}; CIFAR-${which} not found${options.root ? ` in ${options.root}` : ''})`,
  };
}
