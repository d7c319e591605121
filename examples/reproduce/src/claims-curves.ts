import { lineChart } from '@dlkit/report';
import type { ClaimOutcome, ExperimentOutcome } from './results';

/**
 * dlkit's and PyTorch's test accuracy against wall time, one chart per claim with a PyTorch peer whose runs
 * both have a curve (issue 20: "the report shows both accuracy curves against wall time").
 */
export function peerCurves(claims: readonly ClaimOutcome[], experiments: readonly ExperimentOutcome[]): string[] {
  const byId = new Map(experiments.map((x) => [x.id, x]));
  return claims.flatMap(({ experiment, pytorchExperiment }) => {
    const ours = byId.get(experiment)?.curve;
    const theirs = pytorchExperiment ? byId.get(pytorchExperiment)?.curve : undefined;
    if (!ours || !theirs || ours.seconds.length === 0 || theirs.seconds.length === 0) return [];
    return [
      lineChart({
        title: `${experiment}: test accuracy against wall time`,
        xLabel: 'seconds since training started',
        yLabel: 'test accuracy',
        xFromZero: true,
        yMin: 0,
        yMax: 1,
        series: [
          { name: 'dlkit', x: ours.seconds, y: ours.accuracy, color: '#0072b2' },
          { name: 'PyTorch (same network, recipe and files)', x: theirs.seconds, y: theirs.accuracy, color: '#d55e00' },
        ],
      }),
    ];
  });
}
