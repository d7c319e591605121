import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile, verifyFile } from '../src/checksum';
import { catchAsync, tempDir } from './helpers';

describe('checksums', () => {
  it('md5/sha256 of a known string', async () => {
    const dir = await tempDir();
    const f = join(dir, 'abc');
    await writeFile(f, 'abc');
    expect(await hashFile(f, 'md5')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(await verifyFile(f, { algorithm: 'sha256', hex: 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD' })).toBe(true);
    expect(await verifyFile(f, { algorithm: 'md5', hex: '0'.repeat(32) })).toBe(false);
    expect((await catchAsync(hashFile(join(dir, 'nope'), 'md5'))).file).toBe(join(dir, 'nope'));
  });
});
