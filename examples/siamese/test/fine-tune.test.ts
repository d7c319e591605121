import { describe, expect, it } from 'vitest';
import { fineTuneMarginNote, referenceMargin } from '../src/fine-tune';
import type { Setting } from '../src/options';

const form1: Setting = { name: 'form 1 + anchor', form: 'half-squared', strategy: 'anchor' };
const form2: Setting = { name: 'form 2 + random', form: 'squared', strategy: 'random' };
const hadsell: Setting = { name: 'form hadsell + random', form: 'hadsell', strategy: 'random' };
/** The CIFAR-10 reference's test embeddings (default twin, 20 epochs): 15.7 apart within a class, 19.3 across. */
const trained = { same: 15.721, different: 19.307 };

describe('referenceMargin', () => {
  it('is the mean different-class distance for Hadsell (m against d) and its square for forms 1 and 2 (m against d²)', () => {
    expect(referenceMargin(trained, 'hadsell')).toBe(19.307);
    expect(referenceMargin(trained, 'half-squared')).toBeCloseTo(372.76, 2);
    expect(referenceMargin(trained, 'squared')).toBe(19.307 ** 2);
  });
});

describe('fineTuneMarginNote', () => {
  it('says when the margin lies far inside the reference embedding, with the margin of its scale for each form', () => {
    expect(fineTuneMarginNote(trained, 1, [form1, form2, hadsell])).toBe(
      "note: the reference's test embeddings lie 19.3 apart across classes (15.7 within); --margin 1 is far inside that " +
        'for form 1 + anchor, form 2 + random, form hadsell + random, so pairs will pull the embedding together before ' +
        'they push anything apart. On its scale: --margin 373 for forms 1 and 2 (m against d²), --margin 19 for hadsell (m against d), or --margin auto',
    );
  });

  it('compares forms 1 and 2 with d² and Hadsell with d: a margin on one scale can be far inside the other', () => {
    const note = fineTuneMarginNote(trained, 20, [form1, hadsell]);
    expect(note).toContain('--margin 20 is far inside that for form 1 + anchor, so');
    expect(note).toContain('--margin 373 for forms 1 and 2');
    expect(note).not.toContain('for hadsell');
    expect(fineTuneMarginNote(trained, 20, [hadsell])).toBeUndefined();
    expect(fineTuneMarginNote(trained, 370, [form1, form2])).toBeUndefined();
  });

  it('says nothing for an embedding on the unit scale of an untrained net', () => {
    expect(fineTuneMarginNote({ same: 1.859, different: 1.908 }, 1, [form1, form2, hadsell])).toBeUndefined();
  });
});
