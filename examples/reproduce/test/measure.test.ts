import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cifarTf } from '../src/catalogue/cifar-tf';
import { measureEstimates } from '../src/measure';
import type { PlannedExperiment } from '../src/plan';

const dir = mkdtempSync(join(tmpdir(), 'reproduce-measure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A plan entry whose "example" is this Node running `script` (the 'python' runner starts any interpreter). */
function entry(script: string): PlannedExperiment {
  return {
    experiment: cifarTf,
    dir,
    missing: [],
    expected: { ...cifarTf.expected },
    command: { runner: 'python', cwd: 'examples/reproduce', script: '-e', args: [script, '--'], json: join(dir, 'x.json') },
  };
}

describe('measureEstimates', () => {
  it('takes the example’s own --estimate-only figure, and says where it came from', async () => {
    const p = entry(
      'if (process.argv.at(-1) !== "--estimate-only") process.exit(9); console.log("  estimate tf: baseline: 8.6 ms/image → 90.5 min")',
    );
    await measureEstimates([p], process.execPath);
    expect(p.expected.seconds).toBeCloseTo(90.5 * 60, 6);
    expect(p.expected.source).toContain("measured now by the example's own --estimate-only");
  });

  it('keeps the catalogue’s figure when the measurement fails, with the example’s reason', async () => {
    const p = entry('console.error("cifar-cnn: --root: no CIFAR-10 there"); process.exit(2)');
    await measureEstimates([p], process.execPath);
    expect(p.expected.seconds).toBe(cifarTf.expected.seconds);
    expect(p.expected.source).toContain('failed: cifar-cnn: --root: no CIFAR-10 there');
  });
});
