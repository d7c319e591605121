import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CIFAR10_CLASS_NAMES, loadCifar10, loadPtb } from '@dlkit/datasets';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareQuickData, QUICK_CIFAR } from '../src/quick-data';

const dir = mkdtempSync(join(tmpdir(), 'reproduce-quick-data-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the --quick stand-ins', () => {
  it('CIFAR-10 as a .tar.gz image tree that loadCifar10 reads, every class balanced; PTB files loadPtb reads', async () => {
    const paths = await prepareQuickData(dir, '/fashion');
    const cifar = await loadCifar10({ root: paths.cifar10 as string, dtype: 'uint8' });
    expect(cifar.train.shape).toEqual([QUICK_CIFAR.train * 10, 32, 32, 3]);
    expect(cifar.test.shape).toEqual([QUICK_CIFAR.test * 10, 32, 32, 3]);
    expect([...cifar.train.classNames]).toEqual([...CIFAR10_CLASS_NAMES]);
    const counts = new Array(10).fill(0);
    for (const l of cifar.train.labels) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(QUICK_CIFAR.train));
    const ptb = await loadPtb({ root: paths.ptb as string, offline: true });
    expect(ptb.train.length).toBeGreaterThan(700 * 4);
    expect(ptb.vocabulary.size).toBeGreaterThan(20);
  });

  it('is the same bytes every time (the sweep keys its trials by their settings, not by file contents)', async () => {
    const first = readFileSync(join(dir, 'cifar10-standin.tar.gz'));
    await prepareQuickData(dir, '/fashion');
    expect(readFileSync(join(dir, 'cifar10-standin.tar.gz')).equals(first)).toBe(true);
  });
});
