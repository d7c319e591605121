import { describe, expect, it } from 'vitest';
import { failedTrialsMessage, type SweepReport, type TrialRecord } from '../src/index';

const record = (id: string, failed: boolean): TrialRecord =>
  ({
    sweep: 's',
    id,
    key: id,
    trial: { module: 'm', name: 'n' },
    settings: {},
    seed: 1,
    status: failed ? 'failed' : 'ok',
    ...(failed ? { error: { name: 'RangeError', message: 'bad lr' } } : {}),
  }) as unknown as TrialRecord;

const report = (records: TrialRecord[]): SweepReport =>
  ({ sweep: 's', mode: 'inline', workers: 0, records, reused: 0, ran: records.length, failed: 0, seconds: 0 }) as SweepReport;

describe('failedTrialsMessage', () => {
  it('is undefined when every trial succeeded', () => {
    expect(failedTrialsMessage(report([record('a', false), record('b', false)]))).toBeUndefined();
  });

  it('counts the failures and names each with its error', () => {
    const message = failedTrialsMessage(report([record('a', false), record('b', true), record('c', true)]), 'variants');
    expect(message).toBe('2 of 3 variants failed:\n  b: RangeError: bad lr\n  c: RangeError: bad lr');
  });
});
