/** Per-epoch numbers recorded by {@link train}; serialises as is with `JSON.stringify`. */
export interface EpochRecord {
  /** 1-based epoch number. */
  epoch: number;
  /** Mean training loss over the epoch (the data term plus any L1/L2 penalty). */
  loss: number;
  /** Training accuracy over the epoch (while the weights were changing). */
  accuracy: number;
  /** Validation loss after the epoch (`null` without validation data). */
  valLoss: number | null;
  /** Validation accuracy after the epoch (`null` without validation data). */
  valAccuracy: number | null;
  /** Learning rate used during the epoch. */
  learningRate: number;
  /** Wall time of the epoch, training plus validation, seconds. */
  seconds: number;
  /** Training samples per second. */
  samplesPerSecond: number;
}

/** Metric names a schedule or early stopping can watch. */
export type MonitorName = 'loss' | 'accuracy' | 'valLoss' | 'valAccuracy';

/** Reads a monitored metric from a record (`null` when absent). Internal. */
export function monitored(record: EpochRecord, name: MonitorName): number | null {
  return record[name];
}

/** Whether `name` is better when larger. Internal. */
export function maximise(name: MonitorName): boolean {
  return name === 'accuracy' || name === 'valAccuracy';
}
