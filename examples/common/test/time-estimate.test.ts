import { describe, expect, it } from 'vitest';
import { estimateSeconds, formatEstimate, measureSecondsPerImage } from '../src/time-estimate';

describe('estimateSeconds', () => {
  it('charges every trained image the measured rate, epoch after epoch', () => {
    expect(estimateSeconds(0.002, { epochs: 3, trainImages: 1000 })).toBeCloseTo(6);
  });

  it('charges a scored image a third of a trained one, per epoch and once at the end', () => {
    // 2 × (900 + 300 / 3) + 600 / 3 = 2,200 training-image equivalents
    expect(estimateSeconds(0.01, { epochs: 2, trainImages: 900, scoredPerEpoch: 300, scoredOnce: 600 })).toBeCloseTo(22);
  });
});

describe('formatEstimate', () => {
  it('gives whole minutes from ten on, with the hours and the detail in brackets, in cifar-cnn’s wording', () => {
    expect(formatEstimate(66 * 60, '4.56 ms/image × 15 epochs')).toBe(
      "estimated time: 66 min (1.1 h, 4.56 ms/image × 15 epochs), measured on this machine's current load",
    );
  });

  it('gives tenths of a minute below ten and leaves the hours out below one', () => {
    expect(formatEstimate(330, '1.01 ms/image')).toBe(
      "estimated time: 5.5 min (1.01 ms/image), measured on this machine's current load",
    );
    expect(formatEstimate(29 * 60 + 10)).toBe("estimated time: 29 min, measured on this machine's current load");
  });

  it('gives the seconds under a minute, and no zero minutes', () => {
    expect(formatEstimate(42)).toBe("estimated time: 0.7 min (42 s), measured on this machine's current load");
    expect(formatEstimate(2, 'x')).toBe("estimated time: < 0.1 min (2 s, x), measured on this machine's current load");
  });
});

describe('measureSecondsPerImage', () => {
  it('runs the warm-ups untimed, then divides the timed call by the images it trained on', async () => {
    const calls: number[] = [];
    const spi = await measureSecondsPerImage(
      async () => {
        calls.push(calls.length);
        // The warm-up is slow (V8 tiering up); only the last call may count.
        await new Promise((r) => setTimeout(r, calls.length === 1 ? 200 : 20));
        return 10;
      },
      { warmUps: 1 },
    );
    expect(calls).toHaveLength(2);
    expect(spi).toBeGreaterThan(0.001);
    expect(spi).toBeLessThan(0.015);
  });

  it('refuses a run that reports no images, naming the option', async () => {
    await expect(measureSecondsPerImage(() => 0)).rejects.toThrow(/positive number of images/);
    await expect(measureSecondsPerImage(() => 1, { warmUps: -1 })).rejects.toThrow(/options\.warmUps/);
  });
});
