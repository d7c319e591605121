import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classificationReport, MetricsError } from '../src/index';
import { collector, expectClose, fixture, sklearnMessage } from './helpers';

type Dict = Record<string, { precision: number; recall: number; 'f1-score': number; support: number } | number>;
const fx = fixture<{
  meta: { sklearn: string };
  cases: Array<{
    yTrue: number[];
    yPred: number[];
    sampleWeight: number[] | null;
    labels: number[] | null;
    targetNames: string[] | null;
    digits: number;
    zeroDivision: 'warn' | 0 | 1;
    text: string;
    dict: Dict;
    warnings: { type: string; message: string }[];
  }>;
  tenClass: { yTrue: number[]; yPred: number[]; targetNames: string[]; text: string; text4: string; dict: Dict };
}>('report.json');

function expectDictClose(actual: Dict, expected: Dict, label: string): void {
  expect(Object.keys(actual), label).toEqual(Object.keys(expected));
  for (const [k, v] of Object.entries(expected)) {
    if (typeof v === 'number') expectClose(actual[k] as number, v, `${label} ${k}`);
    else {
      const a = actual[k] as Exclude<Dict[string], number>;
      for (const f of ['precision', 'recall', 'f1-score', 'support'] as const) expectClose(a[f], v[f], `${label} ${k}.${f}`);
    }
  }
}

describe('classificationReport', () => {
  it(`text is byte-identical to scikit-learn ${fx.meta.sklearn} on ${fx.cases.length} random reports (digits 0–5, names, labels, weights)`, () => {
    for (const [i, c] of fx.cases.entries()) {
      const col = collector();
      const r = classificationReport(c.yTrue, c.yPred, {
        labels: c.labels,
        targetNames: c.targetNames,
        digits: c.digits,
        sampleWeight: c.sampleWeight,
        zeroDivision: c.zeroDivision,
        onWarning: col.onWarning,
      });
      expect(r.text, `case ${i}`).toBe(c.text);
      expectDictClose(r.toDict(), c.dict, `case ${i}`);
      const expected = [
        ...new Set(c.warnings.filter((w) => w.type === 'UndefinedMetricWarning').map((w) => sklearnMessage(w.message))),
      ];
      expect(
        col.warnings.filter((w) => w.type === 'UndefinedMetricWarning').map((w) => w.message),
        `case ${i}`,
      ).toEqual(expected);
    }
  });

  it('the 10-class example matches scikit-learn byte for byte (digits 2 and 4)', () => {
    const t = fx.tenClass;
    const r = classificationReport(t.yTrue, t.yPred, { targetNames: t.targetNames });
    const path = fileURLToPath(new URL('./fixtures/report-10-class.txt', import.meta.url));
    expect(r.text).toBe(readFileSync(path, 'utf8'));
    expect(r.text).toBe(t.text);
    expect(classificationReport(t.yTrue, t.yPred, { targetNames: t.targetNames, digits: 4 }).text).toBe(t.text4);
    expectDictClose(r.toDict(), t.dict, 'ten-class');
    expect(r.classes.map((c) => c.name)).toEqual(t.targetNames);
    expect(r.accuracy).toBeCloseTo(t.dict.accuracy as number, 15);
    expect(r.microAvg).toBeNull();
  });

  it('labels that differ from the present ones give a "micro avg" row instead of accuracy', () => {
    const r = classificationReport([0, 1, 2, 2], [0, 1, 2, 1], { labels: [0, 1, 2, 3], zeroDivision: 0 });
    expect(r.accuracy).toBeNull();
    expect(r.microAvg).not.toBeNull();
    expect(r.text).toContain('   micro avg');
    expect(Object.keys(r.toDict())).toContain('micro avg');
  });

  it('bad input: names count without labels, bad digits', () => {
    expect(() => classificationReport([0, 1], [0, 1], { targetNames: ['a'] })).toThrow(MetricsError);
    expect(() => classificationReport([0, 1], [0, 1], { digits: -1 })).toThrow(/digits/);
    expect(() => classificationReport([0, 1], [1])).toThrow(/yPred/);
  });
});
