// Resolving a URL that may be relative to the page (in a browser), optionally inside a base folder URL.
import { DatasetError } from './errors';

/**
 * `url` resolved against `base` when given (a trailing slash is added to `base` when missing), then
 * against `location.href` in a browser; outside a browser the result must be absolute. Internal helper.
 */
export function resolveUrl(url: string, field: string, base?: string): string {
  const page = typeof location !== 'undefined' && typeof location.href === 'string' ? location.href : undefined;
  try {
    const dir = base === undefined ? page : new URL(base.endsWith('/') ? base : `${base}/`, page).toString();
    return new URL(url, dir).toString();
  } catch (cause) {
    throw new DatasetError('Invalid URL', {
      code: 'BAD_ARGUMENT',
      field,
      received: base ?? url,
      cause,
      expected: page === undefined ? 'an absolute http(s) URL (no page to resolve a relative one against)' : 'a URL',
    });
  }
}
