import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { writeJson } from '../src/json-output';

describe('writeJson', () => {
  it('writes typed arrays as plain arrays and leaves no temporary file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dlkit-json-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const path = await writeJson(join(dir, 'sub', 'run.json'), { acc: 0.5, cm: new Int32Array([1, 2, 3]) });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ acc: 0.5, cm: [1, 2, 3] });
    expect(await readdir(join(dir, 'sub'))).toEqual(['run.json']);
  });
});
