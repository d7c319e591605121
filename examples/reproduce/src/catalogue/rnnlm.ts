import { ReproduceError } from '../errors';
import type { Experiment } from '../experiment';
import { arrayAt, numberAt } from '../json-path';
import { outputs, required, resumable } from './common';
import { join } from 'node:path';

interface Row {
  model: string;
  validPerplexity?: number;
}

/** Mikolov et al. 2011 on the full Penn Treebank protocol: KN5, RNN, RNN + KN5, a static mixture of RNNs + KN5. */
export const rnnlm: Experiment = {
  id: 'rnnlm',
  title: 'Penn Treebank, RNN language models vs Kneser-Ney (Mikolov et al. 2011)',
  example: 'rnnlm',
  needs: (paths) =>
    ['train', 'valid', 'test'].map((part) => ({
      path: paths.ptb === undefined ? undefined : join(paths.ptb, `ptb.${part}.txt`),
      what: `Penn Treebank: DATA/ptb/ptb.${part}.txt`,
    })),
  command(ctx) {
    const out = outputs(ctx, 'rnnlm.json');
    const ptb = required(ctx.paths.ptb, 'PTB');
    // Full size: the recipe chosen on valid (issue 20): two RNNs H=500 with dropout 0.25 and min-improvement 1.001,
    // one per core — the single RNN and RNN + KN5 of the paper, and a static mixture of the two.
    const size = ctx.quick
      ? ['--hidden', '8', '--rnns', '2', '--max-epochs', '2']
      : ['--hidden', '500', '--rnns', '2', '--dropout', '0.25', '--min-improvement', '1.001'];
    return {
      runner: 'tsx',
      cwd: 'examples/rnnlm',
      script: 'src/main.ts',
      args: ['--data', ptb, '--protocol', 'full', ...size, ...resumable(ctx), ...out.args],
      json: out.json,
    };
  },
  claims: [
    {
      id: 'kn5',
      what: 'test perplexity of KN5 (interpolated modified Kneser-Ney, 5-gram)',
      seed: 141.2,
      figure: 'kn5',
      tolerance: 0.01,
    },
    {
      id: 'rnn',
      what: 'test perplexity of the single RNN with the lowest valid perplexity (100 classes, bptt 4)',
      seed: 124.7,
      figure: 'rnn',
    },
    { id: 'rnn-kn5', what: 'test perplexity of that RNN interpolated with KN5', seed: 105.7, figure: 'rnnKn5' },
    { id: 'mixture-kn5', what: 'test perplexity of a static mixture of RNNs + KN5', seed: 95.5, figure: 'mixtureKn5' },
  ].map((c) => ({
    ...c,
    unit: 'perplexity' as const,
    better: 'lower' as const,
    source: 'Mikolov et al. 2011, "Empirical evaluation and combination of advanced language modeling techniques"; issue 20',
  })),
  read(json, file) {
    const rows = arrayAt(json, 'rows', file) as Row[];
    const ppl = (i: number) => numberAt(json, `rows.${i}.testPerplexity`, file);
    const best = (match: (m: string) => boolean): number | undefined => {
      const found = rows.map((r, i) => [r, i] as const).filter(([r]) => typeof r.model === 'string' && match(r.model));
      return found.length === 0 ? undefined : Math.min(...found.map(([, i]) => ppl(i)));
    };
    // The single RNN is chosen on valid, as the paper chose its models; picking the lowest test figure would
    // tune on the test text. JSON of versions without valid figures falls back to the lowest test figure.
    const singles = rows
      .map((r, i) => [r, i] as const)
      .filter(
        ([r]) =>
          typeof r.model === 'string' && r.model.startsWith('RNN ') && !r.model.includes('+') && !r.model.includes('dynamic'),
      );
    const onValid = singles.length > 0 && singles.every(([r]) => typeof r.validPerplexity === 'number');
    const score = ([r, i]: (typeof singles)[number]) => (onValid ? (r.validPerplexity as number) : ppl(i));
    const chosen = singles.length === 0 ? undefined : singles.reduce((a, b) => (score(b) < score(a) ? b : a));
    const figures: Record<string, number | undefined> = {
      kn5: best((m) => m.startsWith('KN5')),
      rnn: chosen === undefined ? undefined : ppl(chosen[1]),
      rnnKn5: chosen === undefined ? undefined : best((m) => m.startsWith(`${chosen[0].model} + KN5`)),
      mixtureKn5: best((m) => m.startsWith('static mixture')),
      dynamicKn5: best((m) => m.includes('dynamic + KN5')),
    };
    for (const key of ['kn5', 'rnn', 'rnnKn5'] as const) {
      if (figures[key] === undefined) {
        throw new ReproduceError({
          code: 'BAD_EXAMPLE_JSON',
          file,
          argument: 'rows',
          received: rows.map((r) => r.model),
          expected: `a ${key} row`,
        });
      }
    }
    return Object.fromEntries(Object.entries(figures).filter((e): e is [string, number] => e[1] !== undefined));
  },
  expected: {
    seconds: 5883,
    source:
      'rnnlm README: measured end to end on the 2-core machine (3 Dec 2026, tests and CI beside it for 25 of its 98 min): 5 883 s — KN5, 2 RNNs H=500 one per core (5 558 s and 5 769 s, 3.7k tokens/s), mixtures and dynamic evaluation',
  },
};
