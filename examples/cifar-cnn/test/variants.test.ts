import { describe, expect, it } from 'vitest';
import { CifarCnnError } from '../src/errors';
import { STUDY_IDS, studyPlan } from '../src/variants';

describe('studyPlan', () => {
  it('plans the three studies in order with one baseline each', () => {
    const plans = studyPlan(['grid', 'cifarnet', 'deep']);
    expect(plans.map((p) => p.id)).toEqual(STUDY_IDS);
    for (const p of plans) expect(p.variants.filter((v) => v.baseline)).toHaveLength(1);
    const [cifar, deep, grid] = plans;
    expect(cifar.variants.map((v) => v.batchSize)).toEqual([64, 32, 128, 64, 64, 64]);
    expect(cifar.variants.map((v) => v.l2)).toEqual([0, 0, 0, 5e-4, 5e-3, 0]);
    expect(deep.variants.map((v) => v.name)).toEqual([
      'ReLU (baseline)',
      'sigmoid',
      'tanh',
      'no momentum',
      'Adadelta',
      'no batch norm',
    ]);
    expect(deep.variants.map((v) => v.optimizer.name)).toEqual([
      'momentum',
      'momentum',
      'momentum',
      'sgd',
      'adadelta',
      'momentum',
    ]);
    expect(grid.variants).toHaveLength(9);
    expect(grid.variants.map((v) => `${v.grid?.conv}/${v.grid?.fc}`)).toEqual([
      '2/0',
      '2/1',
      '2/2',
      '4/0',
      '4/1',
      '4/2',
      '7/0',
      '7/1',
      '7/2',
    ]);
    const g = grid.variants[4].model;
    expect(g.kind === 'deep' && g.units).toEqual([128]);
  });

  it('takes model sizes and grid axes, and rejects bad ones with a typed error', () => {
    const [grid] = studyPlan(['grid'], { gridConv: [1, 3], gridFc: [2], deepUnits: [8, 4], deepFilters: [2, 4] });
    expect(grid.variants.map((v) => v.name)).toEqual(['conv 1 × fc 2', 'conv 3 × fc 2']);
    expect(() => studyPlan([])).toThrow(CifarCnnError);
    expect(() => studyPlan(['nope' as never])).toThrow(/studies/);
    expect(() => studyPlan(['grid'], { gridFc: [3] })).toThrow(/gridFc/);
    expect(() => studyPlan(['grid'], { gridConv: [0] })).toThrow(/gridConv/);
  });

  it("plans seed 004's study on the TF-tutorial net: batch 128, L2 on fc1/fc2, dropout around batch 64", () => {
    const [tfStudy] = studyPlan(['tf']);
    expect(tfStudy.variants.map((v) => v.name)).toEqual(['batch 64 (baseline)', 'batch 128', 'L2 fc1/fc2 0.002', 'dropout 0.5']);
    expect(tfStudy.variants.map((v) => v.batchSize)).toEqual([64, 128, 64, 64]);
    expect(tfStudy.variants.map((v) => v.model.kind === 'cifarnet-tf' && [v.model.fcL2, v.model.dropout])).toEqual([
      [0, 0],
      [0, 0],
      [0.002, 0],
      [0, 0.5],
    ]);
    // The trainer's global L2 stays off: the decay is on the fc layers only.
    expect(tfStudy.variants.every((v) => v.l2 === 0 && v.optimizer.name === 'momentum')).toBe(true);
    expect(studyPlan(['grid', 'tf']).map((p) => p.id)).toEqual(['tf', 'grid']);
  });
});
