import type { EpochRecord } from './history';

/** A training progress event, sent to {@link TrainOptions.onProgress}. */
export type TrainProgressEvent =
  | {
      type: 'batch';
      /** 1-based epoch. */
      epoch: number;
      epochs: number;
      /** Batches done in this epoch. */
      batch: number;
      batches: number;
      /** Loss of the last batch. */
      loss: number;
      /** Seconds since the epoch started. */
      seconds: number;
    }
  | { type: 'epoch'; epochs: number; record: EpochRecord };

/** Receives progress events. */
export type TrainProgressListener = (event: TrainProgressEvent) => void;

/** Something a progress bar can be written to (`process.stderr` fits). */
export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** Options of {@link ttyProgress}. */
export interface TtyProgressOptions {
  /** Where to draw. Default `process.stderr`. */
  stream?: ProgressStream;
  /** Draw even when the stream is not a TTY or `$CI` is set. Default false. */
  force?: boolean;
}

function fmt(s: number): string {
  if (!Number.isFinite(s)) return '--:--';
  const m = Math.floor(s / 60);
  const r = Math.floor(s % 60);
  return `${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}`;
}

/**
 * The default progress renderer: a one-line bar per epoch (`epoch 3/10 [=====>    ] 120/250 loss 0.1234
 * 00:12<00:13`), replaced by a summary line when the epoch ends. Silent unless the stream is a TTY and `$CI` is
 * unset, so logs and CI stay clean.
 *
 * @example
 * ```ts
 * await train(model, data, { epochs: 10, onProgress: ttyProgress() });
 * ```
 */
export function ttyProgress(options: TtyProgressOptions = {}): TrainProgressListener {
  const stream = options.stream ?? process.stderr;
  const active = options.force === true || (stream.isTTY === true && !process.env.CI);
  if (!active) return () => undefined;
  return (e) => {
    if (e.type === 'batch') {
      const width = Math.max(10, Math.min(30, (stream.columns ?? 80) - 60));
      const done = Math.round((e.batch / e.batches) * width);
      const bar = '='.repeat(Math.max(0, done - 1)) + (done > 0 ? '>' : '') + ' '.repeat(width - done);
      const eta = (e.seconds / e.batch) * (e.batches - e.batch);
      stream.write(
        `\r\x1b[2Kepoch ${e.epoch}/${e.epochs} [${bar}] ${e.batch}/${e.batches} loss ${e.loss.toFixed(4)} ${fmt(e.seconds)}<${fmt(eta)}`,
      );
    } else {
      const r = e.record;
      const val = r.valLoss === null ? '' : ` val_loss ${r.valLoss.toFixed(4)} val_acc ${(r.valAccuracy ?? 0).toFixed(4)}`;
      stream.write(
        `\r\x1b[2Kepoch ${r.epoch}/${e.epochs} loss ${r.loss.toFixed(4)} acc ${r.accuracy.toFixed(4)}${val} lr ${r.learningRate.toPrecision(3)} ${r.seconds.toFixed(1)}s\n`,
      );
    }
  };
}
