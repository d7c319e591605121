import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../src/catalogue/index';
import { ReproduceError } from '../src/errors';
import type { Experiment } from '../src/experiment';
import { REPO_ROOT } from '../src/paths';
import { parseTransferDuration } from '../src/catalogue/transfer';
import { engineOf } from '../src/trials';

const experiment = (id: string): Experiment => CATALOGUE.find((e) => e.id === id) as Experiment;
/** JSON written by the examples: fixtures captured from `reproduce --quick`, and the real-data runs the repository keeps. */
const fixture = (id: string) => join(__dirname, 'fixtures', `${id}.json`);
const load = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const read = (id: string, file = fixture(id)) => experiment(id).read(load(file), file);

describe('reading the examples’ JSON', () => {
  it('cifar-tf: the baseline of the tf study (the real 50 000-image run kept in examples/cifar-cnn/results)', () => {
    expect(read('cifar-tf')).toEqual({ baseline: 0.14 });
    const real = join(REPO_ROOT, 'examples/cifar-cnn/results/real-tf-baseline-50k-1epoch.json');
    expect(read('cifar-tf', real)).toEqual({ baseline: 0.54 });
    expect(engineOf(load(real))).toBe('wasm (1 thread)');
    // Accuracy against time: one epoch of 399 s (training plus the test pass) at 54 %.
    const curve = experiment('cifar-tf').curve?.(load(real), real);
    expect(curve?.accuracy).toEqual([0.54]);
    expect(curve?.seconds[0]).toBeCloseTo(399.19, 2);
  });

  it('cifar-tf: the expected time from cifar-cnn’s own --estimate-only lines (the sum of its variants)', () => {
    const output = [
      '  estimate tf: batch 64 (baseline): 8.60 ms/image → 229.3 min',
      '  estimate tf: batch 128: 7.10 ms/image → 189.3 min',
      'estimated time: 419 min (7.0 h) if the variants run one after another, measured on this machine’s current load',
    ].join('\n');
    expect(experiment('cifar-tf').estimateOnly?.parse(output)).toBeCloseTo((229.3 + 189.3) * 60, 6);
    expect(experiment('cifar-tf').estimateOnly?.parse('no estimate here')).toBeUndefined();
  });

  it('pytorch-cifar: the last epoch’s test accuracy (and the real 10 000-image run)', () => {
    expect(read('pytorch-cifar')).toEqual({ testAccuracy: 0.15, bestTestAccuracy: 0.15, epochs: 1 });
    const real = read('pytorch-cifar', join(REPO_ROOT, 'examples/cifar-cnn/results/pytorch-tf-baseline-10k-1epoch.json'));
    expect(real.epochs).toBe(1);
    expect(real.testAccuracy).toBeGreaterThan(0.2);
    const torch = load(fixture('pytorch-cifar')) as { history: { seconds: number }[] };
    expect(experiment('pytorch-cifar').curve?.(torch, fixture('pytorch-cifar'))).toEqual({
      seconds: torch.history.map((h) => h.seconds),
      accuracy: [0.15],
    });
    expect(engineOf(load(fixture('pytorch-cifar')))).toMatch(/^pytorch 1\.\d+.* \(1 threads\)$/);
  });

  it('cnn-features-svm: softmax and every linear SVM, fc2 the claim’s', () => {
    const f = read('cnn-features-svm');
    expect(Object.keys(f)).toEqual(['softmax', 'linear-svc @ flatten', 'linear-svc @ fc1', 'linear-svc @ fc2']);
    expect(f['linear-svc @ fc2']).toBe(0.52);
    expect(engineOf(load(fixture('cnn-features-svm')))).toBe('wasm (2 threads)');
  });

  it('siamese: the three settings, the untrained baseline and the supervised reference', () => {
    expect(read('siamese')).toEqual({
      untrained: 0.3,
      'form 1 + anchor': 0.45,
      'form 2 + anchor': 0.55,
      'form 2 + random': 0.35,
      'supervised reference': 0.6,
    });
    const pictures = experiment('siamese').pictures?.(load(fixture('siamese')), '/r/siamese/siamese.json');
    expect(pictures).toEqual(
      ['tsne-form-1-anchor', 'tsne-form-2-anchor', 'tsne-form-2-random'].map((n) => `/r/siamese/report/${n}.svg`),
    );
  });

  it('rnnlm: the single RNN is the one with the lowest valid perplexity, not the lowest test one', () => {
    const row = (model: string, test: number, valid?: number) => ({
      model,
      testPerplexity: test,
      ...(valid === undefined ? {} : { validPerplexity: valid }),
    });
    const a = 'RNN H=400 seed 1, β=1e-7, dropout 0.25, min-improvement 1.003';
    const b = 'RNN H=400 seed 1, β=1e-7, dropout 0.3, min-improvement 1.003';
    const rows = [
      row('KN5 (interpolated modified Kneser-Ney)', 141.2, 148),
      row(a, 126, 132.5),
      row(`${a} + KN5 (λ=0.633, tuned on valid)`, 107.3, 111.8),
      row(b, 125, 135.6),
      row(`${b} + KN5 (λ=0.624, tuned on valid)`, 106, 113.2),
    ];
    expect(experiment('rnnlm').read({ rows }, '/x/r.json')).toMatchObject({ kn5: 141.2, rnn: 126, rnnKn5: 107.3 });
    // JSON without valid figures (older versions): the lowest test figure.
    const old = rows.map(({ model, testPerplexity }) => ({ model, testPerplexity }));
    expect(experiment('rnnlm').read({ rows: old }, '/x/r.json')).toMatchObject({ rnn: 125, rnnKn5: 106 });
  });

  it('rnnlm: KN5, best RNN, RNN + KN5, mixture (the real full-protocol run in examples/rnnlm)', () => {
    const quick = read('rnnlm');
    expect(Object.keys(quick).sort()).toEqual(['dynamicKn5', 'kn5', 'mixtureKn5', 'rnn', 'rnnKn5']);
    const real = read('rnnlm', join(REPO_ROOT, 'examples/rnnlm/results-full-default.json'));
    expect(real.kn5).toBeCloseTo(141.19, 2);
    expect(real.rnn).toBeCloseTo(152.1, 1);
    expect(real.rnnKn5).toBeCloseTo(118.7, 1);
    expect(real.dynamicKn5).toBeCloseTo(114.8, 1);
    expect(real.mixtureKn5).toBeUndefined(); // one RNN: no mixture row
    expect(engineOf(load(fixture('rnnlm')))).toBe('plain JavaScript (no tensor engine)');
  });

  it('fashion-convnet: the test accuracy (and the real 2-epoch Fashion-MNIST run)', () => {
    expect(read('fashion-convnet')).toEqual({ accuracy: 0.901 });
    expect(read('fashion-convnet', join(REPO_ROOT, 'examples/mnist-convnet/results/fashion-2epochs.json'))).toEqual({
      accuracy: 0.8954,
    });
  });

  it('tsne-features: quality of the last snapshot, and its pictures next to the JSON', () => {
    const f = read('tsne-features');
    expect(Object.keys(f).sort()).toEqual([
      'act3 kNN accuracy',
      'act3 trustworthiness',
      'flatten kNN accuracy',
      'flatten trustworthiness',
    ]);
    const pictures = experiment('tsne-features').pictures?.(load(fixture('tsne-features')), '/r/t/tsne-features.json');
    expect(pictures).toEqual(['/r/t/report/flatten-epoch1.svg', '/r/t/report/act3-epoch1.svg']);
  });

  it('tsne-features on CIFAR-10 (the full-size data): the flatten and fc2 maps of the last snapshot', () => {
    // Captured from a tiny --data cifar10 run (200 / 100 images of a generated CIFAR-10 in the binary format).
    const file = fixture('tsne-features-cifar10');
    const f = read('tsne-features', file);
    expect(Object.keys(f).sort()).toEqual([
      'fc2 kNN accuracy',
      'fc2 trustworthiness',
      'flatten kNN accuracy',
      'flatten trustworthiness',
    ]);
    expect(f['fc2 trustworthiness']).toBeCloseTo(0.99035, 4);
    const pictures = experiment('tsne-features').pictures?.(load(file), '/r/t/tsne-features.json');
    expect(pictures).toEqual(['/r/t/report/flatten-epoch1.svg', '/r/t/report/fc2-epoch1.svg']);
  });

  it('tsne-features: the expected time from the example’s own --estimate-only line', () => {
    const parse = (output: string) => experiment('tsne-features').estimateOnly?.parse(output);
    const line = (time: string) =>
      `model: …\nestimated time: ${time} (10.20 ms/image × 4 epochs of 10000 images + …; PCA and t-SNE not counted), measured on this machine's current load`;
    expect(parse(line('7.8 min'))).toBeCloseTo(7.8 * 60, 6);
    expect(parse(line('66 min').replace('(', '(1.1 h, '))).toBe(66 * 60);
    // Under a minute the bracket holds the seconds, more precise than the tenths of a minute.
    expect(parse(line('0.1 min').replace('(', '(5 s, '))).toBe(5);
    expect(parse(line('< 0.1 min').replace('(', '(2 s, '))).toBe(2);
    expect(parse('no estimate here')).toBeUndefined();
  });

  it('transfer: the base net, each method per labelled-set size, and each method at the most labels', () => {
    const f = read('transfer');
    expect(f.base).toBe(0.26);
    expect(Object.keys(f).sort()).toEqual(
      [
        'base',
        'feature extractor',
        'feature extractor @ 10/class',
        'feature extractor @ 5/class',
        'fine-tune',
        'fine-tune @ 10/class',
        'fine-tune @ 5/class',
        'from scratch',
        'from scratch @ 10/class',
        'from scratch @ 5/class',
      ].sort(),
    );
    expect(f['fine-tune']).toBe(f['fine-tune @ 10/class']);
    expect(parseTransferDuration('8 s')).toBe(8);
    expect(parseTransferDuration('42 min')).toBe(2520);
    expect(parseTransferDuration('2.5 h')).toBe(9000);
    const estimate = experiment('transfer').estimateOnly?.parse(
      'measured: …\nestimated time of this run: 3.1 h (base net 40 min, target runs 2.4 h)\n',
    );
    expect(estimate).toBeCloseTo(3.1 * 3600, 6);
  });

  it('a JSON without the field gives a ReproduceError naming the file and the field', () => {
    const json = load(fixture('siamese')) as { results: { svmAccuracy?: number }[] };
    delete json.results[1].svmAccuracy;
    let error: unknown;
    try {
      experiment('siamese').read(json, '/x/siamese.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReproduceError);
    expect(error).toMatchObject({ code: 'BAD_EXAMPLE_JSON', file: '/x/siamese.json', argument: 'results.1.svmAccuracy' });
    expect(() => experiment('rnnlm').read({ rows: [] }, '/x/r.json')).toThrow(/a kn5 row/);
    expect(() => experiment('cifar-tf').read({}, '/x/c.json')).toThrow(/"studies"/);
  });
});
