import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveUrl } from '../src/resolve-url';
import { catchSync } from './helpers';

afterEach(() => vi.unstubAllGlobals());

describe('resolveUrl', () => {
  it('joins a folder URL (with or without trailing slash) and a file name', () => {
    expect(resolveUrl('a.gz', 'baseUrl', 'http://h/x')).toBe('http://h/x/a.gz');
    expect(resolveUrl('a.gz', 'baseUrl', 'http://h/x/')).toBe('http://h/x/a.gz');
    expect(resolveUrl('https://o/f.tgz', 'url')).toBe('https://o/f.tgz');
  });

  it('resolves relative URLs against the page in a browser, and rejects them elsewhere', () => {
    const e = catchSync(() => resolveUrl('a.gz', 'baseUrl', 'mnist/'));
    expect(e).toMatchObject({ code: 'BAD_ARGUMENT', field: 'baseUrl', received: 'mnist/' });
    vi.stubGlobal('location', { href: 'http://127.0.0.1:4173/app/smoke.html' });
    expect(resolveUrl('a.gz', 'baseUrl', 'mnist')).toBe('http://127.0.0.1:4173/app/mnist/a.gz');
    expect(resolveUrl('a.gz', 'baseUrl', '/mnist/')).toBe('http://127.0.0.1:4173/mnist/a.gz');
    expect(resolveUrl('data/c.tgz', 'url')).toBe('http://127.0.0.1:4173/app/data/c.tgz');
  });
});
