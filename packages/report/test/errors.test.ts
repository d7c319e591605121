import { DlkitError } from '@dlkit/core';
import { describe, expect, it } from 'vitest';
import { ReportError, lineChart } from '../src/index';

describe('ReportError', () => {
  it('is a DlkitError carrying code, argument, received, expected and hint', () => {
    const e = new ReportError('NOT_FINITE', 'series[0].y[3]', NaN, 'a finite number', 'pass null for a gap');
    expect(e).toBeInstanceOf(DlkitError);
    expect(e).toBeInstanceOf(ReportError);
    expect(e.name).toBe('ReportError');
    expect(e.code).toBe('NOT_FINITE');
    expect(e.argument).toBe('series[0].y[3]');
    expect(e.expected).toBe('a finite number');
    expect(e.hint).toBe('pass null for a gap');
    expect(e.message).toBe('series[0].y[3]: expected a finite number, received NaN. pass null for a gap');
  });

  it('is what the drawing functions throw for bad options', () => {
    let caught: unknown;
    try {
      lineChart({ title: 'x', series: [{ name: 'a', y: [1, 2] }], width: -3 });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ReportError);
    expect((caught as ReportError).code).toBe('BAD_ARGUMENT');
    expect((caught as ReportError).argument).toBe('options.width');
  });
});
