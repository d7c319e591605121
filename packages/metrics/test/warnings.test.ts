import { afterEach, describe, expect, it, vi } from 'vitest';
import { f1, precision, setWarningHandler, type MetricWarning } from '../src/index';

describe('warnings', () => {
  afterEach(() => {
    setWarningHandler(null);
    vi.restoreAllMocks();
  });

  it('by default emits each distinct message once through process.emitWarning', () => {
    const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    for (let i = 0; i < 5; i++) f1([0, 1, 2, 3], [0, 0, 0, 3], { average: 'macro', labels: [0, 1, 2, 3, 9] });
    expect(spy).toHaveBeenCalledTimes(1);
    const [message, opts] = spy.mock.calls[0] as [string, { type: string }];
    expect(message).toContain('`zeroDivision`');
    expect(opts.type).toBe('UndefinedMetricWarning');
  });

  it('setWarningHandler replaces the default and returns the previous handler; onWarning wins per call', () => {
    const seen: MetricWarning[] = [];
    const previous = setWarningHandler((w) => seen.push(w));
    precision([0, 1, 2], [0, 0, 0], { average: 'macro' });
    expect(seen).toHaveLength(1);
    expect(seen[0].message).toBe(
      'Precision is ill-defined and being set to 0.0 in labels with no predicted samples. Use `zeroDivision` option to control this behavior.',
    );
    const local: MetricWarning[] = [];
    precision([0, 1, 2], [0, 0, 0], { average: 'macro', onWarning: (w) => local.push(w) });
    expect(local).toHaveLength(1);
    expect(seen).toHaveLength(1);
    precision([0, 1, 2], [0, 0, 0], { average: 'macro', zeroDivision: 0 });
    expect(seen).toHaveLength(1);
    expect(setWarningHandler(previous)).not.toBe(previous);
  });
});
