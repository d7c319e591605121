import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkChecksum, hashFile, verifyFile } from '../src/checksum';
import { catchSync } from './helpers';
import { catchAsync, tempDir } from './helpers';

describe('checksums', () => {
  it('md5/sha256 of a known string', async () => {
    const dir = await tempDir();
    const f = join(dir, 'abc');
    await writeFile(f, 'abc');
    expect(await hashFile(f, 'md5')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(
      await verifyFile(f, { algorithm: 'sha256', hex: 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD' }),
    ).toBe(true);
    expect(await verifyFile(f, { algorithm: 'md5', hex: '0'.repeat(32) })).toBe(false);
    expect((await catchAsync(hashFile(join(dir, 'nope'), 'md5'))).file).toBe(join(dir, 'nope'));
  });

  it('refuses an unknown algorithm or a digest of the wrong length before reading anything', async () => {
    const e = await catchAsync(hashFile('/does/not/matter', 'sha512' as never));
    expect(e.code).toBe('BAD_ARGUMENT');
    expect(e.field).toBe('algorithm');
    expect(catchSync(() => checkChecksum({ algorithm: 'sha1', hex: 'ab' })).expected).toBe('40 hex digits for sha1');
    expect(catchSync(() => checkChecksum({ algorithm: 'MD5' as never, hex: '0'.repeat(32) })).field).toBe('checksum.algorithm');
    expect(() => checkChecksum({ algorithm: 'md5', hex: 'A'.repeat(32) })).not.toThrow();
  });
});
