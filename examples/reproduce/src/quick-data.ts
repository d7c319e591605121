import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { writeFileAtomic } from '@dlkit/core/node';
import { CIFAR10_CLASS_NAMES } from '@dlkit/datasets';
import { encodePng } from '@dlkit/report';
import { syntheticCifar10Records } from '@dlkit-examples/common';
import type { DataPaths } from './experiment';
import { tarArchive } from './tar';

/** Images per class of the `--quick` CIFAR stand-in (train, test). */
export const QUICK_CIFAR = { train: 20, test: 10 } as const;

/**
 * Writes the `--quick` stand-ins under `dir` in the real data's formats: CIFAR-10 as a `.tar.gz` image tree
 * `train|test/<class>/NNNN.png` (the generated CIFAR stand-in of @dlkit-examples/common, which both the
 * examples' `loadCifar10` and the PyTorch script read) and a Penn-Treebank-like corpus `ptb.{train,valid,test}.txt`.
 * Fashion-MNIST's place is taken by the bundled MNIST sample (the examples' `--data mnist`).
 */
export async function prepareQuickData(dir: string, fashion: string, seed = 1): Promise<DataPaths> {
  mkdirSync(dir, { recursive: true });
  const cifar10 = join(dir, 'cifar10-standin.tar.gz');
  const files: [string, Uint8Array][] = [];
  for (const [part, perClass, salt] of [
    ['train', QUICK_CIFAR.train, 1],
    ['test', QUICK_CIFAR.test, 2],
  ] as const) {
    const records = syntheticCifar10Records(perClass, seed * 10 + salt);
    const count = records.length / 3073;
    for (let i = 0; i < count; i++) {
      const r = records.subarray(i * 3073, (i + 1) * 3073);
      // CIFAR records are channel-major (R plane, G plane, B plane); PNG wants interleaved RGB.
      const pixels = new Uint8Array(3072);
      for (let p = 0; p < 1024; p++) for (let c = 0; c < 3; c++) pixels[p * 3 + c] = r[1 + c * 1024 + p];
      const png = encodePng({ width: 32, height: 32, channels: 3, pixels }, { compress: (d) => deflateSync(d) });
      files.push([`${part}/${CIFAR10_CLASS_NAMES[r[0]]}/${String(i).padStart(4, '0')}.png`, png]);
    }
  }
  await writeFileAtomic(cifar10, gzipSync(tarArchive(files)));
  const ptb = join(dir, 'ptb');
  mkdirSync(ptb, { recursive: true });
  // Like the real files, the training text holds <unk>: every word of valid/test has a training count.
  await writeFileAtomic(join(ptb, 'ptb.train.txt'), ptbLikeCorpus(700, seed, true));
  await writeFileAtomic(join(ptb, 'ptb.valid.txt'), ptbLikeCorpus(120, seed + 3));
  await writeFileAtomic(join(ptb, 'ptb.test.txt'), ptbLikeCorpus(150, seed + 4));
  return { data: dir, fashion, cifar10, ptb };
}

/** Sentences of a small financial-news grammar in PTB's form (lower case, `N` for numbers), deterministic. */
export function ptbLikeCorpus(lines: number, seed: number, withUnk = false): string {
  const subjects = ['the company', 'the bank', 'a trader', 'the market', 'investors', 'the government'];
  const verbs = ['said', 'expects', 'sold', 'bought', 'reported', 'raised'];
  const objects = ['shares', 'the stock', 'its stake', 'profits', 'N million', 'the bonds', 'a new plan'];
  const tails = ['', 'yesterday', 'in N', 'on friday'];
  let s = seed >>> 0;
  const pick = (xs: readonly string[]): string => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return xs[(s >>> 8) % xs.length];
  };
  return `${Array.from(
    { length: lines },
    (_, i) => ` ${pick(subjects)} ${pick(verbs)} ${pick(objects)} ${pick(tails)} ${withUnk && i % 7 === 0 ? '<unk> ' : ''}`,
  ).join('\n')}\n`;
}
