import type { VariantResult } from './run-variant';
import type { StudyResult } from './studies';

/** A seed finding checked against this run. */
export interface Finding {
  /** What the seed studies found. */
  claim: string;
  /** What this run measured. */
  measured: string;
  /** Whether the measurement agrees, disagrees, or is within the noise margin. */
  verdict: 'reproduces' | 'contradicts' | 'inconclusive';
}

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/**
 * Compares `a` and `b` by test accuracy: `reproduces` when `a` beats `b` by more than `margin`, `contradicts`
 * when `b` beats `a` by more than `margin`, else `inconclusive`. Internal.
 */
function better(claim: string, a: VariantResult | undefined, b: VariantResult | undefined, margin: number): Finding[] {
  if (!a || !b) return [];
  const d = a.testAccuracy - b.testAccuracy;
  return [
    {
      claim,
      measured: `${a.name} ${pct(a.testAccuracy)} vs ${b.name} ${pct(b.testAccuracy)} (Δ ${(d * 100).toFixed(1)} points)`,
      verdict: d > margin ? 'reproduces' : d < -margin ? 'contradicts' : 'inconclusive',
    },
  ];
}

/**
 * The train–test accuracy gap of a regularised variant against its baseline. The training side is the
 * evaluation-mode accuracy on the un-augmented training images when both results have it; results of older
 * versions only have the last epoch's running accuracy, which dropout and augmentation bias low — the finding
 * says which it used.
 */
export function gapFinding(claim: string, v: VariantResult, base: VariantResult): Finding {
  const evaluated = v.trainEvalAccuracy !== undefined && base.trainEvalAccuracy !== undefined;
  const train = (r: VariantResult) => (evaluated ? (r.trainEvalAccuracy as number) : r.finalTrainAccuracy);
  const gapV = train(v) - v.testAccuracy;
  const gapB = train(base) - base.testAccuracy;
  const how = evaluated
    ? 'train accuracy evaluated on the un-augmented training images'
    : "train accuracy: the last epoch's running one (augmented, dropout on)";
  return {
    claim,
    measured: `gap ${(gapV * 100).toFixed(1)} points (test ${pct(v.testAccuracy)}) vs baseline ${(gapB * 100).toFixed(1)} points (test ${pct(base.testAccuracy)}); ${how}`,
    verdict: gapV < gapB - 0.01 ? 'reproduces' : gapV > gapB + 0.01 ? 'contradicts' : 'inconclusive',
  };
}

/**
 * Half-width of a 95 % interval of an accuracy difference between two models on `n` test images (binomial,
 * at the accuracies seen), used as the margin below which a difference is called inconclusive.
 */
export function noiseMargin(n: number, p: number): number {
  return 1.96 * Math.sqrt((2 * p * (1 - p)) / Math.max(1, n));
}

/**
 * The seed findings (ReLU vs sigmoid/tanh, momentum, Adadelta, batch norm, batch size, L2, dropout, depth)
 * checked against the results: a verdict per claim, with differences smaller than the test set's noise
 * margin ({@link noiseMargin}) called inconclusive.
 *
 * @example
 * ```ts
 * for (const f of findings(results, data.test.shape[0])) console.log(`${f.verdict}: ${f.claim} — ${f.measured}`);
 * ```
 */
export function findings(studies: readonly StudyResult[], testSamples: number): Finding[] {
  const out: Finding[] = [];
  const get = (id: string, name: string) => studies.find((s) => s.id === id)?.variants.find((v) => v.name === name);
  const margin = (...vs: Array<VariantResult | undefined>) =>
    noiseMargin(testSamples, vs.reduce((s, v) => s + (v?.testAccuracy ?? 0.5), 0) / vs.length);

  const t = (n: string) => get('tf', n);
  const tfBase = t('batch 64 (baseline)');
  if (tfBase) {
    out.push({
      claim: 'TF-tutorial net (seeds 000/004): 74.6–76 % test accuracy on CIFAR-10 (all 50 000 training images)',
      measured: `${pct(tfBase.testAccuracy)} after ${tfBase.history.length} epochs on ${testSamples} test images`,
      verdict: tfBase.testAccuracy >= 0.746 ? 'reproduces' : 'inconclusive',
    });
  }
  out.push(
    ...better(
      'TF-tutorial net: batch 64 reaches higher accuracy than batch 128 in the same epochs',
      tfBase,
      t('batch 128'),
      margin(tfBase, t('batch 128')),
    ),
  );
  for (const name of ['L2 fc1/fc2 0.002', 'dropout 0.5']) {
    const v = t(name);
    if (!v || !tfBase) continue;
    out.push(gapFinding(`TF-tutorial net: ${name} narrows the train–test accuracy gap (less overfitting)`, v, tfBase));
  }

  const c = (n: string) => get('cifarnet', n);
  const base = c('batch 64 (baseline)');
  out.push(
    ...better(
      'CifarNet: smaller batches reach higher accuracy in the same number of epochs (batch 32 > batch 128)',
      c('batch 32'),
      c('batch 128'),
      margin(c('batch 32'), c('batch 128')),
    ),
  );
  const b32 = c('batch 32');
  const b128 = c('batch 128');
  if (b32 && b128) {
    // CPU time per image: wall time swings with the machine's load, CPU time much less.
    const per = (v: VariantResult) => v.cpuSeconds / (v.imagesPerSecond * v.seconds);
    out.push({
      claim: 'CifarNet: larger batches process images faster (batch 128 less CPU time per image than batch 32)',
      measured: `batch 128 ${(per(b128) * 1000).toFixed(1)} ms vs batch 32 ${(per(b32) * 1000).toFixed(1)} ms CPU per training image`,
      verdict: per(b128) < 0.95 * per(b32) ? 'reproduces' : per(b128) > 1.05 * per(b32) ? 'contradicts' : 'inconclusive',
    });
  }
  for (const name of ['L2 5e-4', 'L2 5e-3', 'dropout 0.5']) {
    const v = c(name);
    if (!v || !base) continue;
    out.push(
      gapFinding(`CifarNet: ${name} narrows the train–test accuracy gap (less overfitting) than no regularisation`, v, base),
    );
  }

  const d = (n: string) => get('deep', n);
  const relu = d('ReLU (baseline)');
  out.push(...better('Deep net: ReLU beats sigmoid', relu, d('sigmoid'), margin(relu, d('sigmoid'))));
  out.push(...better('Deep net: ReLU beats tanh', relu, d('tanh'), margin(relu, d('tanh'))));
  out.push(
    ...better(
      'Deep net: momentum beats plain SGD at the same constant rate',
      relu,
      d('no momentum'),
      margin(relu, d('no momentum')),
    ),
  );
  out.push(
    ...better(
      'Deep net: Adadelta (adaptive) matches or beats a constant rate with momentum',
      d('Adadelta'),
      relu,
      margin(relu, d('Adadelta')),
    ).map((f) => ({
      ...f,
      // "matches or beats": only a clear loss contradicts.
      verdict: f.verdict === 'contradicts' ? f.verdict : ('reproduces' as const),
    })),
  );
  out.push(...better('Deep net: batch norm beats no batch norm', relu, d('no batch norm'), margin(relu, d('no batch norm'))));

  const grid = studies.find((s) => s.id === 'grid');
  if (grid && grid.variants.length > 1) {
    const convs = [...new Set(grid.variants.map((v) => v.spec.grid?.conv ?? 0))].sort((a, b) => a - b);
    const fcs = [...new Set(grid.variants.map((v) => v.spec.grid?.fc ?? 0))].sort((a, b) => a - b);
    const mean = (pred: (v: VariantResult) => boolean, key: 'testAccuracy' | 'cpuSeconds') => {
      const vs = grid.variants.filter(pred);
      return vs.reduce((s, v) => s + v[key], 0) / vs.length;
    };
    if (convs.length > 1) {
      const lo = convs[0];
      const hi = convs[convs.length - 1];
      const shallow = mean((v) => v.spec.grid?.conv === lo, 'testAccuracy');
      const deep = mean((v) => v.spec.grid?.conv === hi, 'testAccuracy');
      const m = noiseMargin(testSamples * fcs.length, (shallow + deep) / 2);
      out.push({
        claim: `Depth grid: more conv layers give higher accuracy (${hi} vs ${lo}, averaged over fc counts)`,
        measured: `${pct(deep)} vs ${pct(shallow)}; ${mean((v) => v.spec.grid?.conv === hi, 'cpuSeconds').toFixed(0)} vs ${mean((v) => v.spec.grid?.conv === lo, 'cpuSeconds').toFixed(0)} CPU seconds per run`,
        verdict: deep - shallow > m ? 'reproduces' : shallow - deep > m ? 'contradicts' : 'inconclusive',
      });
    }
    if (fcs.length > 1) {
      const few = mean((v) => v.spec.grid?.fc === fcs[0], 'testAccuracy');
      const many = mean((v) => v.spec.grid?.fc === fcs[fcs.length - 1], 'testAccuracy');
      const m = noiseMargin(testSamples * convs.length, (few + many) / 2);
      out.push({
        claim: `Depth grid: extra fully connected layers add little (${fcs[fcs.length - 1]} vs ${fcs[0]} hidden fc, averaged over conv depths)`,
        measured: `${pct(many)} vs ${pct(few)} (Δ ${((many - few) * 100).toFixed(1)} points)`,
        // One-sided: layers that cost accuracy add little too; only a clear gain contradicts the claim.
        verdict: many - few <= m ? 'reproduces' : 'contradicts',
      });
    }
  }
  return out;
}
