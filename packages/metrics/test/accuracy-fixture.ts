import { fixture } from './helpers';

export const accuracyFixture = fixture<{
  meta: { sklearn: string };
  cases: Array<{
    yTrue: number[];
    yPred: number[];
    sampleWeight: number[] | null;
    accuracy: { normalize: boolean; result: number | null; error: string | null };
    balanced: { adjusted: boolean; result: number | null; warnings: { type: string; message: string }[]; error: string | null };
    perClass: { labels: number[] | null; zeroDivision: 'warn' | 0 | 1; result: number[] | null; error: string | null };
  }>;
}>('accuracy.json');
