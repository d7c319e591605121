// A small trial for the memory measurement: a result about the size of a real run's summary (a few numbers and a
// short history), computed from the seed.
import { defineTrial } from '@dlkit/sweep';

export const tinyTrial = defineTrial({
  run: (settings, { seed }) => {
    let s = seed >>> 0;
    const history = [];
    for (let e = 1; e <= settings.epochs; e++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      history.push({ epoch: e, loss: s / 4294967296, accuracy: 1 - s / 4294967296 });
    }
    return {
      seed,
      accuracy: history.at(-1).accuracy,
      loss: history.at(-1).loss,
      trainSeconds: 1.5,
      evalSeconds: 0.1,
      parameters: 24000,
      history,
    };
  },
});
