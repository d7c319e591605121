import type { ActivationKind, PoolingKind } from '@dlkit/models';
import { check } from './errors';

/** The factors the sweep varies one at a time around the baseline. */
export const FACTORS = ['pooling', 'nstates', 'activation', 'dropout'] as const;
/** One of {@link FACTORS}. */
export type Factor = (typeof FACTORS)[number];

/** `[maps of conv block 1, maps of conv block 2, hidden units]`, Torch's `nstates`. */
export type Nstates = readonly [number, number, number];

/** One network configuration of the Torch-tutorial ConvNet (@dlkit/models `mnistConvNet`). */
export interface Setting {
  pooling: PoolingKind;
  nstates: Nstates;
  activation: ActivationKind;
  /** Dropout rate after the conv features (0 = none). */
  dropout: number;
}

/** The levels tried for each factor. */
export interface FactorLevels {
  pooling: readonly PoolingKind[];
  nstates: readonly Nstates[];
  activation: readonly ActivationKind[];
  dropout: readonly number[];
}

/**
 * The baseline: the tutorial's ConvNet (L2 pooling, tanh, no dropout) at nstates 32-32-128 — half the
 * tutorial's conv maps, so the default sweep fits in about ten minutes on two cores (64-64-128 is a level of
 * the nstates factor).
 */
export const BASELINE: Setting = { pooling: 'l2', nstates: [32, 32, 128], activation: 'tanh', dropout: 0 };

/** The levels of the seed experiment. */
export const DEFAULT_LEVELS: FactorLevels = {
  pooling: ['avg', 'max', 'l2'],
  nstates: [
    [16, 16, 64],
    [32, 32, 128],
    [64, 64, 128],
  ],
  activation: ['sigmoid', 'relu', 'tanh'],
  dropout: [0, 0.25, 0.5],
};

/** A short stable id of a setting, e.g. `l2-32.32.128-tanh-d0`. */
export function settingId(s: Setting): string {
  return `${s.pooling}-${s.nstates.join('.')}-${s.activation}-d${s.dropout}`;
}

/** How a factor's level reads in a table, e.g. `L2`, `32-32-128`, `ReLU`, `0.25`, `none`. */
export function levelLabel(factor: Factor, s: Setting): string {
  switch (factor) {
    case 'pooling':
      return { l2: 'L2', max: 'max', avg: 'avg' }[s.pooling];
    case 'nstates':
      return s.nstates.join('-');
    case 'activation':
      return { tanh: 'tanh', relu: 'ReLU', sigmoid: 'sigmoid' }[s.activation];
    case 'dropout':
      return s.dropout === 0 ? 'none' : String(s.dropout);
  }
}

/** A one-line description of a whole setting, e.g. `L2 pooling, 32-32-128, tanh, no dropout`. */
export function describeSetting(s: Setting): string {
  return `${levelLabel('pooling', s)} pooling, ${levelLabel('nstates', s)}, ${levelLabel('activation', s)}, ${s.dropout === 0 ? 'no dropout' : `dropout ${s.dropout}`}`;
}

/** The baseline with one factor set to `level`. */
export function withLevel(base: Setting, factor: Factor, level: Setting[Factor]): Setting {
  return { ...base, [factor]: level } as Setting;
}

/** One row of the sweep design: a factor, one of its levels, and the setting that realises it. */
export interface DesignRow {
  factor: Factor;
  level: string;
  /** Id of the setting ({@link settingId}); the baseline's id appears once per factor. */
  settingId: string;
  /** Whether this level is the baseline's. */
  isBaseline: boolean;
}

/** The one-factor-at-a-time design: the distinct settings to train and the rows of the table. */
export interface Design {
  settings: Setting[];
  rows: DesignRow[];
}

function checkSetting(s: Setting, where: string): void {
  check(s.pooling === 'l2' || s.pooling === 'max' || s.pooling === 'avg', `${where}.pooling`, s.pooling, "'l2', 'max' or 'avg'");
  check(
    s.activation === 'tanh' || s.activation === 'relu' || s.activation === 'sigmoid',
    `${where}.activation`,
    s.activation,
    "'tanh', 'relu' or 'sigmoid'",
  );
  check(
    Array.isArray(s.nstates) && s.nstates.length === 3 && s.nstates.every((v) => Number.isInteger(v) && v > 0),
    `${where}.nstates`,
    s.nstates,
    'three positive integers',
  );
  check(typeof s.dropout === 'number' && s.dropout >= 0 && s.dropout < 1, `${where}.dropout`, s.dropout, 'a rate in [0, 1)');
}

/**
 * The one-factor-at-a-time design around `baseline`: for each factor, every level with the other factors at
 * the baseline. Settings are deduplicated, so the baseline is trained once and shared by every factor's rows
 * (it is trained only if some factor's levels include the baseline's level).
 *
 * @example
 * ```ts
 * const { settings, rows } = sweepDesign(['pooling', 'dropout']);
 * settings.length; // 5: the baseline, avg and max pooling, dropout 0.25 and 0.5
 * rows.length;     // 6: three per factor
 * ```
 */
export function sweepDesign(
  factors: readonly Factor[],
  baseline: Setting = BASELINE,
  levels: FactorLevels = DEFAULT_LEVELS,
): Design {
  check(factors.length > 0, 'factors', factors, `at least one of ${FACTORS.join(', ')}`);
  checkSetting(baseline, 'baseline');
  const settings = new Map<string, Setting>();
  const rows: DesignRow[] = [];
  for (const factor of factors) {
    check((FACTORS as readonly string[]).includes(factor), 'factors', factor, `one of ${FACTORS.join(', ')}`);
    const lv = levels[factor] as ReadonlyArray<Setting[Factor]>;
    check(Array.isArray(lv) && lv.length > 0, `levels.${factor}`, lv, 'at least one level');
    for (const level of lv) {
      const s = withLevel(baseline, factor, level);
      checkSetting(s, `levels.${factor}`);
      const id = settingId(s);
      if (rows.some((r) => r.factor === factor && r.settingId === id)) continue;
      if (!settings.has(id)) settings.set(id, s);
      rows.push({ factor, level: levelLabel(factor, s), settingId: id, isBaseline: id === settingId(baseline) });
    }
  }
  const baseId = settingId(baseline);
  // The baseline first (when some factor includes its level), then the others in design order.
  const ordered = [...settings.entries()].sort(([a], [b]) => Number(b === baseId) - Number(a === baseId)).map(([, s]) => s);
  return { settings: ordered, rows };
}
