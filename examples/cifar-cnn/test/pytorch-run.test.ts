import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CifarCnnError } from '../src/errors';
import { parsePytorchRun, readPytorchRun } from '../src/pytorch-run';

const good = {
  framework: 'pytorch 1.13.0',
  threads: 2,
  settings: { epochs: 2 },
  history: [
    { epoch: 1, testAccuracy: 0.52, seconds: 110.5, trainLoss: 1.6 },
    { epoch: 2, testAccuracy: 0.61, seconds: 221 },
  ],
};

describe('readPytorchRun / parsePytorchRun', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cifar-pytorch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads what cifar_tf_net.py --json writes: framework, threads, and accuracy against seconds per epoch', async () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(good));
    expect(await readPytorchRun(file)).toEqual({
      framework: 'pytorch 1.13.0',
      threads: 2,
      history: [
        { epoch: 1, testAccuracy: 0.52, seconds: 110.5 },
        { epoch: 2, testAccuracy: 0.61, seconds: 221 },
      ],
    });
  });

  it('names the file and the field at fault', () => {
    const bad = (patch: object) => () => parsePytorchRun({ ...good, ...patch }, 'p.json');
    expect(bad({ history: [] })).toThrow('p.json: history: expected a non-empty array of epochs, received []');
    expect(bad({ history: [{ epoch: 1, testAccuracy: 52, seconds: 1 }] })).toThrow(
      'p.json: history[0].testAccuracy: expected an accuracy in [0, 1], received 52',
    );
    expect(bad({ threads: 0 })).toThrow('p.json: threads: expected a thread count ≥ 1, received 0');
    expect(bad({ framework: undefined })).toThrow(CifarCnnError);
    expect(() => parsePytorchRun([1, 2], 'p.json')).toThrow(/p\.json: framework/);
    expect(() => parsePytorchRun(null, 'p.json')).toThrow(/p\.json: \(top level\)/);
  });

  it('refuses a missing file and a file cut short while it was written', async () => {
    await expect(readPytorchRun(join(dir, 'absent.json'))).rejects.toThrow(/--pytorch: expected a readable JSON file/);
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, JSON.stringify(good).slice(0, 50));
    await expect(readPytorchRun(cut)).rejects.toThrow(/cut\.json: expected JSON written by cifar_tf_net\.py --json/);
  });
});
