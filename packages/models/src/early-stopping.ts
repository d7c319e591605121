import { check, numberIn } from './errors';
import { maximise, monitored, type EpochRecord, type MonitorName } from './history';

/** When {@link train} stops before `epochs`. Either rule (or both) may be given. */
export interface EarlyStopping {
  /** Stop after this many epochs without improvement of `monitor`. */
  patience?: number;
  /** Metric watched by `patience`. Default `'valLoss'` (`'loss'` without validation data). */
  monitor?: MonitorName;
  /** Smallest absolute change that counts as an improvement. Default 0. */
  minDelta?: number;
  /** Stop as soon as the epoch's training loss is at most this (the seeds' "stop at loss 0.005" rule). */
  lossThreshold?: number;
}

/** Serialisable progress of early stopping (stored in checkpoints). */
export interface EarlyStoppingState {
  best: number | null;
  wait: number;
  bestEpoch: number;
}

/** Why training stopped. */
export type StopReason = 'epochs' | 'patience' | 'lossThreshold' | 'aborted';

/** A running early-stopping rule. Internal to the trainer. */
export interface EarlyStoppingRunner {
  /** Returns the reason to stop after `record`, or `null` to go on. */
  update(record: EpochRecord): StopReason | null;
  state(): EarlyStoppingState;
  restore(state: EarlyStoppingState): void;
}

/** Starts an early-stopping rule. Internal. */
export function createEarlyStopping(options: EarlyStopping | undefined, hasValidation: boolean): EarlyStoppingRunner {
  let st: EarlyStoppingState = { best: null, wait: 0, bestEpoch: 0 };
  const o = options ?? {};
  check(
    typeof o === 'object' && o !== null,
    'options.earlyStopping',
    o,
    'an object { patience?, monitor?, minDelta?, lossThreshold? }',
  );
  const patience =
    o.patience === undefined
      ? undefined
      : numberIn('options.earlyStopping.patience', o.patience, 0, Infinity, 'a non-negative integer');
  const threshold =
    o.lossThreshold === undefined
      ? undefined
      : numberIn('options.earlyStopping.lossThreshold', o.lossThreshold, 0, Infinity, 'a non-negative number');
  const minDelta = numberIn('options.earlyStopping.minDelta', o.minDelta ?? 0, 0, Infinity, 'a non-negative number');
  const monitor: MonitorName = o.monitor ?? (hasValidation ? 'valLoss' : 'loss');
  const up = maximise(monitor);
  return {
    update(record) {
      const v = monitored(record, monitor);
      if (v !== null && (st.best === null || (up ? v > st.best + minDelta : v < st.best - minDelta))) {
        st = { best: v, wait: 0, bestEpoch: record.epoch };
      } else {
        st.wait++;
      }
      if (threshold !== undefined && record.loss <= threshold) return 'lossThreshold';
      if (patience !== undefined) {
        check(
          v !== null,
          'options.earlyStopping.monitor',
          monitor,
          'a metric that is recorded (validation metrics need validation data)',
        );
        if (st.wait >= Math.max(1, patience)) return 'patience';
      }
      return null;
    },
    state: () => ({ ...st }),
    restore: (s) => {
      st = { best: s.best, wait: s.wait, bestEpoch: s.bestEpoch };
    },
  };
}
