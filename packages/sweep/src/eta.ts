/**
 * Seconds a run still needs, from how long its own epochs took. `startEpoch` is the number of epochs already done
 * when this run began (a run resumed from a checkpoint at epoch 27 reports epoch 28 first): those were paid for by
 * an earlier process, so counting them would make a resumed run's ETA a fraction of the truth.
 */
export function etaSeconds(elapsed: number, epoch: number, epochs: number, startEpoch: number): number {
  const done = epoch - startEpoch;
  return done > 0 ? (elapsed / done) * Math.max(0, epochs - epoch) : NaN;
}

/**
 * The epochs done before a run began, from its first progress report: trials report each epoch as it ends, so
 * the first report of a fresh run says epoch 1 and that of a run resumed after epoch k says k + 1.
 */
export function startEpochOf(firstReportedEpoch: number): number {
  return Math.max(0, firstReportedEpoch - 1);
}
