import { describe, expect, it } from 'vitest';
import { MetricsError, precisionRecallFscoreSupport } from '../src/index';
import { collector, expectAllClose, expectClose, fixture, sklearnMessage } from './helpers';
import { commonOptions, prfsCases, type PrfsCase } from './prfs-fixture';

describe('precisionRecallFscoreSupport', () => {
  it(`matches scikit-learn ${prfsCases.meta.sklearn} on ${prfsCases.cases.length} random label sets`, () => {
    for (const [i, c] of prfsCases.cases.entries()) {
      const label = `case ${i} (average=${c.average}, zeroDivision=${c.zeroDivision}, beta=${c.beta})`;
      const o = c.prfs;
      const col = collector();
      const run = () =>
        precisionRecallFscoreSupport(c.yTrue, c.yPred, { ...commonOptions(c), beta: c.beta, onWarning: col.onWarning });
      if (o.error) {
        expect(run, label).toThrow(MetricsError);
        continue;
      }
      const r = run();
      const [p, rec, f, s] = o.result!;
      if (c.average === null) {
        expectAllClose(r.precision as Float64Array, p as number[], `${label} precision`);
        expectAllClose(r.recall as Float64Array, rec as number[], `${label} recall`);
        expectAllClose(r.fscore as Float64Array, f as number[], `${label} fscore`);
        expectAllClose(r.support as Float64Array, s as number[], `${label} support`);
      } else {
        expectClose(r.precision as number, p as number, `${label} precision`);
        expectClose(r.recall as number, rec as number, `${label} recall`);
        expectClose(r.fscore as number, f as number, `${label} fscore`);
        expect(r.support).toBeNull();
      }
      expect(
        col.warnings.map((w) => w.message),
        label,
      ).toEqual(o.warnings.map((w) => sklearnMessage(w.message)));
    }
  });

  it('covers the hard cases: never-predicted, never-present classes, all zero-division modes, errors', () => {
    const cs = prfsCases.cases;
    expect(cs.filter((c) => c.prfs.warnings.some((w) => w.message.includes('no predicted'))).length).toBeGreaterThan(20);
    expect(cs.filter((c) => c.prfs.warnings.some((w) => w.message.includes('no true'))).length).toBeGreaterThan(20);
    expect(new Set(cs.map((c) => c.zeroDivision)).size).toBe(3);
    expect(cs.filter((c) => c.prfs.error).length).toBeGreaterThan(5);
    expect(cs.filter((c) => c.sampleWeight).length).toBeGreaterThan(50);
  });

  const nan = fixture<{
    cases: Array<Omit<PrfsCase, 'prfs'> & { result: [number | number[], number | number[], number | number[], number[] | null] }>;
  }>('prfs-nan.json');
  it(`zeroDivision: NaN matches scikit-learn >= 1.4 on ${nan.cases.length} label sets, without warnings`, () => {
    for (const [i, c] of nan.cases.entries()) {
      const col = collector();
      const r = precisionRecallFscoreSupport(c.yTrue, c.yPred, {
        labels: c.labels,
        average: c.average,
        beta: c.beta,
        sampleWeight: c.sampleWeight,
        zeroDivision: Number.NaN,
        onWarning: col.onWarning,
      });
      const [p, rec, f] = c.result;
      const label = `nan case ${i} (average=${c.average}, beta=${c.beta})`;
      if (c.average === null) {
        expectAllClose(r.precision as Float64Array, p as number[], `${label} precision`);
        expectAllClose(r.recall as Float64Array, rec as number[], `${label} recall`);
        expectAllClose(r.fscore as Float64Array, f as number[], `${label} fscore`);
      } else {
        expectClose(r.precision as number, p as number, `${label} precision`);
        expectClose(r.recall as number, rec as number, `${label} recall`);
        expectClose(r.fscore as number, f as number, `${label} fscore`);
      }
      expect(col.warnings).toEqual([]);
    }
  });

  it('a class never predicted gives 0 and a warning naming zeroDivision, not NaN', () => {
    const col = collector();
    const r = precisionRecallFscoreSupport([0, 1, 2], [0, 0, 0], { onWarning: col.onWarning });
    expect(Array.from(r.precision)).toEqual([1 / 3, 0, 0]);
    expect(col.warnings).toHaveLength(1);
    expect(col.warnings[0]).toMatchObject({ type: 'UndefinedMetricWarning', option: 'zeroDivision' });
    expect(col.warnings[0].message).toContain('`zeroDivision`');
  });

  it('rejects bad options with errors naming them', () => {
    const bad = (o: object, arg: string) => {
      try {
        precisionRecallFscoreSupport([0, 1], [0, 1], o);
        throw new Error('did not throw');
      } catch (e) {
        expect(e).toBeInstanceOf(MetricsError);
        expect((e as MetricsError).argument).toBe(arg);
      }
    };
    bad({ average: 'samples' }, 'options.average');
    bad({ zeroDivision: 0.5 }, 'options.zeroDivision');
    bad({ beta: -1 }, 'options.beta');
    bad({ labels: [0, 0] }, 'options.labels[1]');
    bad({ average: 'binary', posLabel: 7 }, 'options.posLabel');
    expect(() => precisionRecallFscoreSupport([0, 1, 2], [0, 1, 2], { average: 'binary' })).toThrow(/average/);
  });

  it('warns (UserWarning) when posLabel is set but ignored', () => {
    const col = collector();
    precisionRecallFscoreSupport([0, 1, 2], [0, 1, 2], { average: 'macro', posLabel: 2, onWarning: col.onWarning });
    expect(col.warnings).toEqual([expect.objectContaining({ type: 'UserWarning', option: 'posLabel' })]);
  });
});
