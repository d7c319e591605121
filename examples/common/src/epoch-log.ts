import { ttyProgress, type TrainProgressListener } from '@dlkit/models';

/** Whether progress bars may be drawn: a TTY on stderr and not CI. */
export function interactive(): boolean {
  return process.stderr.isTTY === true && !process.env.CI;
}

/**
 * The progress listener every training example uses: a live bar (epoch, batch, loss, ETA) in a terminal,
 * and one line per epoch otherwise (CI, pipes), prefixed with `label` when given; silent when `quiet`.
 */
export function epochLogger(label = '', quiet = false): TrainProgressListener {
  const bar = ttyProgress();
  const prefix = label ? `${label}  ` : '';
  return (e) => {
    if (quiet) return;
    bar(e);
    if (e.type === 'epoch' && !interactive()) {
      const r = e.record;
      console.log(
        `${prefix}epoch ${r.epoch}/${e.epochs}  loss ${r.loss.toFixed(4)}  acc ${r.accuracy.toFixed(4)}` +
          (r.valAccuracy === null ? '' : `  val_loss ${(r.valLoss ?? 0).toFixed(4)}  val_acc ${r.valAccuracy.toFixed(4)}`) +
          `  lr ${r.learningRate.toPrecision(3)}  ${r.seconds.toFixed(1)}s`,
      );
    }
  };
}
