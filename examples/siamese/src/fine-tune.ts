import type { ClassDistances } from '@dlkit/siamese';
import type { Setting } from './options';

/**
 * The margin on the scale of the reference's embedding for a loss form (`--margin auto`): its mean different-class
 * distance d for Hadsell's form, which stops pushing at d = m, and d² for forms 1 and 2, which stop at d² = m.
 */
export function referenceMargin(reference: Pick<ClassDistances, 'different'>, form: Setting['form']): number {
  return form === 'hadsell' ? reference.different : reference.different ** 2;
}

/**
 * With `--fine-tune`: where the margin stands against the reference's embedding, or undefined when it is on the
 * embedding's scale for every setting. Forms 1 and 2 stop pushing a dissimilar pair at d² = m, Hadsell's at d = m;
 * a network trained with labels spreads its embeddings far wider than the unit scale of an untrained one (on
 * CIFAR-10, 15.7 / 19.3 apart), and a margin far inside that pulls the embedding together before it pushes anything
 * apart — measured: to 0.10 SVM accuracy, below the untrained net, at margin 1.
 */
export function fineTuneMarginNote(
  reference: Pick<ClassDistances, 'same' | 'different'>,
  margin: number,
  settings: readonly Setting[],
): string | undefined {
  const inside = settings.filter((s) => margin < referenceMargin(reference, s.form) / 4);
  if (inside.length === 0) return undefined;
  const squared = inside.some((s) => s.form !== 'hadsell');
  const hadsell = inside.some((s) => s.form === 'hadsell');
  const suggest = [
    squared ? `--margin ${Math.round(referenceMargin(reference, 'squared'))} for forms 1 and 2 (m against d²)` : '',
    hadsell ? `--margin ${Math.round(referenceMargin(reference, 'hadsell'))} for hadsell (m against d)` : '',
  ].filter((s) => s !== '');
  return (
    `note: the reference's test embeddings lie ${reference.different.toFixed(1)} apart across classes (${reference.same.toFixed(1)} within); ` +
    `--margin ${margin} is far inside that for ${inside.map((s) => s.name).join(', ')}, so pairs will pull the embedding together ` +
    `before they push anything apart. On its scale: ${suggest.join(', ')}, or --margin auto`
  );
}
