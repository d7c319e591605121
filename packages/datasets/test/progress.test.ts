import { describe, expect, it } from 'vitest';
import { progressListener, type ProgressEvent } from '../src/progress';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { out: string } {
  const s = {
    isTTY,
    out: '',
    write(chunk: string) {
      s.out += chunk;
      return true;
    },
  };
  return s as unknown as NodeJS.WriteStream & { out: string };
}

const done: ProgressEvent = { url: 'http://x/f.gz', file: 'f.gz', received: 50, total: 100, done: true };

describe('progressListener', () => {
  it('is silent unless asked, when not a TTY, and under CI', () => {
    expect(progressListener(undefined, fakeStream(true), {})).toBeUndefined();
    expect(progressListener(false, fakeStream(true), {})).toBeUndefined();
    expect(progressListener(true, fakeStream(false), {})).toBeUndefined();
    expect(progressListener(true, fakeStream(true), { CI: 'true' })).toBeUndefined();
  });

  it('draws a bar on a TTY and passes events to a callback', () => {
    const s = fakeStream(true);
    progressListener(true, s, {})?.(done);
    expect(s.out).toContain('f.gz [###############...............]  50%');
    const seen: ProgressEvent[] = [];
    progressListener((e) => void seen.push(e), fakeStream(false), { CI: '1' })?.(done);
    expect(seen).toEqual([done]);
  });
});
