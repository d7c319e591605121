import { describe, expect, it } from 'vitest';
import { defineSweep, SweepError, trialKey } from '../src/index';

const trial = { module: '@me/trials', name: 'fit' };

function error(f: () => unknown): SweepError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SweepError);
    return e as SweepError;
  }
  throw new Error('did not throw');
}

describe('defineSweep', () => {
  it('fills in each trial key and a readable default label', () => {
    const sweep = defineSweep({
      name: 'grid',
      trials: [
        { trial, settings: { lr: 0.1 }, seed: 3 },
        { id: 'b', trial, settings: { lr: 0.2 }, seed: 3 },
      ],
    });
    expect(sweep.trials[0]).toEqual({
      id: 'fit {"lr":0.1} seed 3',
      key: trialKey(trial, { lr: 0.1 }, 3),
      trial,
      settings: { lr: 0.1 },
      seed: 3,
    });
    expect(sweep.trials[1]?.id).toBe('b');
  });

  it("copies the settings, so later changes to the caller's objects do not change the sweep", () => {
    const settings = { lr: 0.1 };
    const sweep = defineSweep({ name: 'grid', trials: [{ trial, settings, seed: 1 }] });
    settings.lr = 5;
    expect(sweep.trials[0]?.settings).toEqual({ lr: 0.1 });
  });

  it('rejects a bad name, no trials, a missing module or export, a non-integer seed and non-JSON settings', () => {
    expect(error(() => defineSweep({ name: 'a b', trials: [{ trial, settings: {}, seed: 1 }] })).argument).toBe('sweep.name');
    expect(error(() => defineSweep({ name: 'g', trials: [] })).argument).toBe('sweep.trials');
    expect(
      error(() => defineSweep({ name: 'g', trials: [{ trial: { module: '', name: 'x' }, settings: {}, seed: 1 }] })).argument,
    ).toBe('sweep.trials[0].trial.module');
    expect(
      error(() => defineSweep({ name: 'g', trials: [{ trial: { module: 'm', name: '' }, settings: {}, seed: 1 }] })).argument,
    ).toBe('sweep.trials[0].trial.name');
    expect(error(() => defineSweep({ name: 'g', trials: [{ trial, settings: {}, seed: 1.5 }] })).argument).toBe(
      'sweep.trials[0].seed',
    );
    const nan = error(() => defineSweep({ name: 'g', trials: [{ trial, settings: { lr: Number.NaN }, seed: 1 }] }));
    expect([nan.code, nan.argument]).toEqual(['BAD_ARGUMENT', 'sweep.trials[0].settings.lr']);
  });

  it('rejects two trials with the same key or the same label', () => {
    const twin = error(() =>
      defineSweep({
        name: 'g',
        trials: [
          { trial, settings: { a: 1, b: 2 }, seed: 1 },
          { id: 'other', trial, settings: { b: 2, a: 1 }, seed: 1 },
        ],
      }),
    );
    expect(twin.argument).toBe('sweep.trials[1]');
    expect(twin.hint).toContain('fit {"a":1,"b":2} seed 1');
    expect(
      error(() =>
        defineSweep({
          name: 'g',
          trials: [
            { id: 'x', trial, settings: 1, seed: 1 },
            { id: 'x', trial, settings: 2, seed: 1 },
          ],
        }),
      ).argument,
    ).toBe('sweep.trials[1].id');
  });
});
