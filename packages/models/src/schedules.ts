import { check, numberIn, positiveInt } from './errors';
import { maximise, monitored, type EpochRecord, type MonitorName } from './history';

/** Multiply the learning rate by `gamma` every `stepSize` epochs (PyTorch's `StepLR`). */
export interface StepSchedule {
  type: 'step' /** Epochs between decays. */;
  stepSize: number /** Factor. Default 0.1. */;
  gamma?: number;
}

/**
 * Multiply the learning rate by `factor` when the monitored metric stops improving (Keras'
 * `ReduceLROnPlateau`). With `keepDecaying`, once the first reduction happened the rate is reduced after
 * every further epoch (the RNNLM recipe: "α is halved at the start of each new epoch").
 */
export interface PlateauSchedule {
  type: 'plateau';
  /** Factor in (0, 1). */
  factor: number;
  /** Metric to watch. Default `'valLoss'` (`'loss'` without validation data). */
  monitor?: MonitorName;
  /** Epochs without improvement before reducing. Default 0 (reduce right after a non-improving epoch). */
  patience?: number;
  /** Smallest change that counts as an improvement, relative to the best value (0.003 = 0.3 %). Default 0. */
  minRelativeDelta?: number;
  /** Floor of the learning rate. Default 0. */
  minLearningRate?: number;
  /** Keep reducing after every epoch once reduced. Default false. */
  keepDecaying?: boolean;
}

/** Halve the rate when the validation loss stops improving by 0.3 %, then every epoch (Mikolov et al. 2010, RNNLM). */
export interface HalveOnPlateauSchedule extends Omit<PlateauSchedule, 'type' | 'factor'> {
  type: 'halveOnPlateau';
}
/** Divide the rate by 10 when the validation metric stops improving (Krizhevsky et al. 2012, AlexNet). */
export interface DivideBy10OnPlateauSchedule extends Omit<PlateauSchedule, 'type' | 'factor'> {
  type: 'divideBy10OnPlateau';
}
/** Any rule: the learning rate for a (0-based) epoch, given the initial rate. */
export type CustomSchedule = (epoch: number, initialLearningRate: number) => number;

/** A learning-rate schedule for {@link train}. */
export type LrSchedule = StepSchedule | PlateauSchedule | HalveOnPlateauSchedule | DivideBy10OnPlateauSchedule | CustomSchedule;

/** Serialisable progress of a schedule (stored in checkpoints). */
export interface ScheduleState {
  best: number | null;
  wait: number;
  decaying: boolean;
}

/** A running schedule. Internal to the trainer, exported for custom loops. */
export interface ScheduleRunner {
  /** Learning rate for the coming 0-based `epoch`, given the current one. */
  beforeEpoch(epoch: number, current: number): number;
  /** Learning rate after a finished epoch (plateau rules). */
  afterEpoch(record: EpochRecord, current: number): number;
  state(): ScheduleState;
  restore(state: ScheduleState): void;
}

/**
 * Starts a learning-rate schedule.
 *
 * @example
 * ```ts
 * const s = createSchedule({ type: 'step', stepSize: 10, gamma: 0.5 }, 0.1, true);
 * s.beforeEpoch(10, 0.1); // 0.05
 * ```
 */
export function createSchedule(schedule: LrSchedule | undefined, initial: number, hasValidation: boolean): ScheduleRunner {
  let st: ScheduleState = { best: null, wait: 0, decaying: false };
  const runner = (before: ScheduleRunner['beforeEpoch'], after: ScheduleRunner['afterEpoch']): ScheduleRunner => ({
    beforeEpoch: before,
    afterEpoch: after,
    state: () => ({ ...st }),
    restore: (s) => {
      st = { best: s.best, wait: s.wait, decaying: s.decaying };
    },
  });
  if (schedule === undefined)
    return runner(
      (_, lr) => lr,
      (_, lr) => lr,
    );
  if (typeof schedule === 'function') {
    return runner(
      (epoch) => {
        const lr = schedule(epoch, initial);
        return numberIn('options.schedule(epoch)', lr, 0, Infinity, 'a non-negative learning rate');
      },
      (_, lr) => lr,
    );
  }
  check(typeof schedule === 'object' && schedule !== null, 'options.schedule', schedule, 'a schedule object or a function');
  if (schedule.type === 'step') {
    const step = positiveInt('options.schedule.stepSize', schedule.stepSize);
    const gamma = numberIn('options.schedule.gamma', schedule.gamma ?? 0.1, 0, Infinity, 'a non-negative number');
    return runner(
      (epoch) => initial * gamma ** Math.floor(epoch / step),
      (_, lr) => lr,
    );
  }
  const factor =
    schedule.type === 'halveOnPlateau'
      ? 0.5
      : schedule.type === 'divideBy10OnPlateau'
        ? 0.1
        : schedule.type === 'plateau'
          ? schedule.factor
          : NaN;
  check(
    ['plateau', 'halveOnPlateau', 'divideBy10OnPlateau'].includes(schedule.type),
    'options.schedule.type',
    schedule.type,
    "'step', 'plateau', 'halveOnPlateau' or 'divideBy10OnPlateau'",
  );
  numberIn('options.schedule.factor', factor, 0, 1, 'a number in (0, 1)');
  const monitor: MonitorName = schedule.monitor ?? (hasValidation ? 'valLoss' : 'loss');
  const patience = numberIn('options.schedule.patience', schedule.patience ?? 0, 0, Infinity, 'a non-negative integer');
  const minRel = numberIn(
    'options.schedule.minRelativeDelta',
    schedule.minRelativeDelta ?? (schedule.type === 'halveOnPlateau' ? 0.003 : 0),
    0,
    1,
  );
  const floor = numberIn('options.schedule.minLearningRate', schedule.minLearningRate ?? 0, 0, Infinity, 'a non-negative number');
  const keep = schedule.keepDecaying ?? schedule.type === 'halveOnPlateau';
  const up = maximise(monitor);
  return runner(
    (_, lr) => lr,
    (record, lr) => {
      const v = monitored(record, monitor);
      check(
        v !== null,
        'options.schedule.monitor',
        monitor,
        'a metric that is recorded (validation metrics need validation data)',
      );
      if (st.decaying && keep) return Math.max(floor, lr * factor);
      const improved =
        st.best === null || (up ? v > st.best + Math.abs(st.best) * minRel : v < st.best - Math.abs(st.best) * minRel);
      if (improved) {
        st.best = v;
        st.wait = 0;
        return lr;
      }
      st.wait++;
      if (st.wait > patience) {
        st.wait = 0;
        st.decaying = true;
        return Math.max(floor, lr * factor);
      }
      return lr;
    },
  );
}
