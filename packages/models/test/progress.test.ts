import { describe, expect, it } from 'vitest';
import { ttyProgress } from '../src/progress';

const record = {
  epoch: 2,
  loss: 0.5,
  accuracy: 0.8,
  valLoss: 0.6,
  valAccuracy: 0.75,
  learningRate: 0.01,
  seconds: 3,
  samplesPerSecond: 100,
};

describe('ttyProgress', () => {
  it('draws a bar and an epoch summary on a TTY', () => {
    const out: string[] = [];
    const env = process.env.CI;
    delete process.env.CI;
    try {
      const bar = ttyProgress({ stream: { write: (s: string) => out.push(s), isTTY: true, columns: 100 } });
      bar({ type: 'batch', epoch: 2, epochs: 5, batch: 5, batches: 10, loss: 0.1234, seconds: 2 });
      bar({ type: 'epoch', epochs: 5, record });
    } finally {
      if (env !== undefined) process.env.CI = env;
    }
    expect(out[0]).toMatch(/epoch 2\/5 \[=+> *\] 5\/10 loss 0\.1234 00:02<00:02/);
    expect(out[1]).toContain('val_acc 0.7500');
    expect(out[1].endsWith('\n')).toBe(true);
  });

  it('is silent when not a TTY, or in CI unless forced', () => {
    const out: string[] = [];
    const stream = { write: (s: string) => out.push(s), isTTY: false };
    ttyProgress({ stream })({ type: 'epoch', epochs: 1, record });
    const env = process.env.CI;
    process.env.CI = 'true';
    try {
      ttyProgress({ stream: { ...stream, isTTY: true } })({ type: 'epoch', epochs: 1, record });
      expect(out).toEqual([]);
      ttyProgress({ stream, force: true })({ type: 'epoch', epochs: 1, record });
      expect(out).toHaveLength(1);
    } finally {
      if (env === undefined) delete process.env.CI;
      else process.env.CI = env;
    }
  });
});
