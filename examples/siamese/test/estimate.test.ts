import { describe, expect, it } from 'vitest';
import { evaluationsLeft, runEstimate } from '../src/estimate';
import type { Setting } from '../src/options';

const form1: Setting = { name: 'form 1 + anchor', form: 'half-squared', strategy: 'anchor' };
const form2a: Setting = { name: 'form 2 + anchor', form: 'squared', strategy: 'anchor' };
const form2r: Setting = { name: 'form 2 + random', form: 'squared', strategy: 'random' };
const SIZE = { steps: 300, batchSize: 64, evalEvery: 50, evalPairCount: 500 };

describe('evaluationsLeft', () => {
  it.each([
    [300, 50, 0, 7], // steps 0, 50, …, 300
    [310, 50, 0, 8], // … and the last step, 310
    [300, 50, 200, 2], // 250, 300
    [300, 50, 210, 2], // 250, 300
    [400, 50, 310, 2], // a finished 310-step run continued to 400: 350, 400
    [310, 50, 300, 1], // 310
    [300, 50, 300, 0], // finished
  ])('%i steps, every %i, resumed after %i: %i held-out evaluations', (steps, every, done, expected) => {
    expect(evaluationsLeft(steps, every, done)).toBe(expected);
  });
});

describe('runEstimate', () => {
  it('counts every step of every setting in a fresh run', () => {
    const progress = [form1, form2a, form2r].map((setting) => ({ setting, doneSteps: 0 }));
    const est = runEstimate(0.001, SIZE, 2000, progress);
    // 3 × 300 steps × 128 images trained; scored at a third: 3 × (7 × 1000 held-out + 2000 test) + 2000 baseline.
    expect(est.seconds).toBeCloseTo((3 * 300 * 128 + (3 * (7 * 1000 + 2000) + 2000) / 3) * 0.001, 9);
    expect(est.stepsLeft).toBe(900);
    expect(est.line).toBe(
      "estimated time: 2.1 min (1.00 ms/image × 300 steps × 64 pairs × 3 settings, t-SNE and SVM not counted), measured on this machine's current load",
    );
  });

  it('counts only the steps and evaluations left when resuming, and says where each setting resumes', () => {
    const progress = [
      { setting: form1, doneSteps: 200 },
      { setting: form2a, doneSteps: 300 },
      { setting: form2r, doneSteps: 0 },
    ];
    const est = runEstimate(0.001, SIZE, 2000, progress);
    // 100 + 0 + 300 steps; held-out 2 + 0 + 7 evaluations; every setting (finished or not) embeds the test images.
    const scored = 2 * 1000 + 2000 + 2000 + 7 * 1000 + 2000 + 2000;
    expect(est.seconds).toBeCloseTo((400 * 128 + scored / 3) * 0.001, 9);
    expect(est.stepsLeft).toBe(400);
    expect(est.line).toBe(
      "estimated time: 0.9 min (57 s, 1.00 ms/image × 400 steps left × 64 pairs, resuming: form 1 + anchor at step 200 of 300, form 2 + anchor finished (300 of 300), t-SNE and SVM not counted), measured on this machine's current load",
    );
  });

  it('adds the supervised reference: its epochs over the training images and two passes over the test images', () => {
    const progress = [{ setting: form1, doneSteps: 0 }];
    const plain = runEstimate(0.001, SIZE, 2000, progress);
    const est = runEstimate(0.001, SIZE, 2000, progress, { epochs: 2, trainImages: 1000 });
    expect(est.seconds - plain.seconds).toBeCloseTo((2 * 1000 + (2 * 2000) / 3) * 0.001, 9);
    expect(est.stepsLeft).toBe(300);
    expect(est.line).toContain('300 steps × 64 pairs × 1 setting + supervised reference 2 epochs × 1000 images, t-SNE and SVM');
  });

  it('counts only the supervised reference epochs after its checkpoint, and says where it resumes', () => {
    const progress = [{ setting: form1, doneSteps: 300 }];
    const none = runEstimate(0.001, SIZE, 2000, progress);
    const partly = runEstimate(0.001, SIZE, 2000, progress, { epochs: 20, doneEpochs: 15, trainImages: 1000 });
    expect(partly.seconds - none.seconds).toBeCloseTo((5 * 1000 + (2 * 2000) / 3) * 0.001, 9);
    expect(partly.line).toContain('+ supervised reference 5 epochs × 1000 images (resuming after epoch 15 of 20), t-SNE');
    const done = runEstimate(0.001, SIZE, 2000, progress, { epochs: 20, doneEpochs: 20, trainImages: 1000 });
    // Still embedded and scored once more (two passes over the test images), not trained.
    expect(done.seconds - none.seconds).toBeCloseTo(((2 * 2000) / 3) * 0.001, 9);
    expect(done.line).toContain('+ supervised reference finished (20 of 20 epochs), t-SNE');
  });

  it('leaves only the scoring when every setting has finished', () => {
    const est = runEstimate(0.001, SIZE, 2000, [{ setting: form1, doneSteps: 300 }]);
    expect(est.stepsLeft).toBe(0);
    expect(est.seconds).toBeCloseTo(((2000 + 2000) / 3) * 0.001, 9);
    expect(est.line).toContain('0 steps left × 64 pairs, resuming: form 1 + anchor finished (300 of 300)');
  });
});
