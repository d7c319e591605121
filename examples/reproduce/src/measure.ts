import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import type { PlannedExperiment } from './plan';
import { runCommand } from './run-command';

/**
 * Replaces the catalogue's expected time by the example's own measurement where it has an `--estimate-only`
 * (cifar-cnn: a few timed batches per variant on this machine's current load). A failed measurement keeps
 * the catalogue's figure and says so.
 */
export async function measureEstimates(plan: PlannedExperiment[], python: string): Promise<void> {
  for (const p of plan) {
    const how = p.experiment.estimateOnly;
    if (!how || !p.command) continue;
    const lines: string[] = [];
    try {
      await runCommand(
        { ...p.command, args: [...p.command.args, how.flag] },
        { root: REPO_ROOT, python, log: join(p.dir, 'estimate.log'), onLine: (l) => lines.push(l) },
      );
      const seconds = how.parse(lines.join('\n'));
      if (seconds !== undefined) {
        p.expected = { seconds, source: `measured now by the example's own ${how.flag} (${join(p.dir, 'estimate.log')})` };
      }
    } catch (e) {
      // The example's own last words say why (a flag its data cannot satisfy, a missing file).
      const said = lines
        .filter((l) => l.trim() !== '')
        .slice(-2)
        .join(' ');
      p.expected = {
        ...p.expected,
        source: `${p.expected.source}; the example's ${how.flag} failed: ${said || (e as Error).message.split('\n')[0]}`,
      };
    }
  }
}
