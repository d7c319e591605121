import { barChart } from '@dlkit/report';
import type { ClaimOutcome } from './results';

const COLORS = { seed: '#999999', dlkit: '#0072b2', PyTorch: '#d55e00' } as const;

/**
 * Bar charts of the claims that have figures: for each, the seed's, dlkit's and PyTorch's bar side by side —
 * one chart for accuracies (in %), one for perplexities (lower is better). Empty when nothing has a figure.
 */
export function claimsCharts(claims: readonly ClaimOutcome[]): string[] {
  const charts: string[] = [];
  const groups = [
    { title: 'Accuracy: seed vs dlkit vs PyTorch', units: ['accuracy', 'fraction'], format: 'percent' as const },
    { title: 'Test perplexity (lower is better): published vs dlkit', units: ['perplexity'], format: 'number' as const },
  ];
  for (const g of groups) {
    const bars = claims
      .filter((c) => g.units.includes(c.unit))
      .flatMap((c) =>
        (
          [
            ['seed', c.seed],
            ['dlkit', c.dlkit],
            ['PyTorch', c.pytorch],
          ] as const
        )
          .filter((e): e is readonly [keyof typeof COLORS, number] => e[1] !== null)
          .map(([who, value]) => ({ label: `${c.experiment} ${c.claim}: ${who}`, value, color: COLORS[who] })),
      );
    if (bars.some((b) => b.color !== COLORS.seed)) charts.push(barChart({ title: g.title, bars, format: g.format }));
  }
  return charts;
}
