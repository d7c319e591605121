import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync, utimesSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TEMP_SUFFIX, createFileAtomic, removeTempLeftovers, writeDirAtomic, writeFileAtomic } from '../src/node';

const scratchDirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'dlkit-core-'));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates missing folders, replaces the old file whole, and leaves no temporary file', async () => {
    const dir = scratch();
    const path = join(dir, 'a', 'b', 'run.json');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, new Uint8Array([104, 105]));
    expect(readFileSync(path, 'utf8')).toBe('hi');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['run.json']);
  });

  it('fails without touching the target or leaving a temporary file when the target is a folder', async () => {
    const dir = scratch();
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'keep'), 'x');
    await expect(writeFileAtomic(join(dir, 'taken'), 'data')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('leaves the old or the new file, never a half-written one, when the writer is killed with SIGKILL', async () => {
    const dir = scratch();
    const target = join(dir, 'model.json');
    await writeFileAtomic(target, JSON.stringify({ version: 0, pad: 'x'.repeat(2_000_000) }));
    const modulePath = pathToFileURL(join(__dirname, '..', 'src', 'atomic-write.ts')).href;
    const script = `
      const { writeFileAtomic } = await import(${JSON.stringify(modulePath)});
      for (let n = 1; ; n++) {
        await writeFileAtomic(${JSON.stringify(target)}, JSON.stringify({ version: n, pad: 'x'.repeat(2_000_000) }));
        process.stdout.write(n + '\\n');
      }
    `;
    for (let round = 0; round < 6; round++) {
      const child = spawn(
        process.execPath,
        ['--experimental-strip-types', '--no-warnings', '--input-type=module', '-e', script],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      // Kill at a random moment once the child is writing (its first write done), wherever it is then.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 120)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const parsed = JSON.parse(readFileSync(target, 'utf8')) as { version: number; pad: string };
      expect(parsed.pad).toHaveLength(2_000_000);
      expect(parsed.version).toBeGreaterThan(0);
    }
    // The leftovers of killed writers are cleaned up by the next writer's sweep.
    await removeTempLeftovers(dir, 0);
    expect(readdirSync(dir)).toEqual(['model.json']);
  });
});

describe('writeDirAtomic', () => {
  it('writes a folder of files, and replaces an existing folder whole', async () => {
    const dir = scratch();
    const ckpt = join(dir, 'epoch-0001');
    await writeDirAtomic(ckpt, { 'weights.bin': new Uint8Array([1, 2, 3]), 'trainer.json': '{"epoch":1}' });
    await writeDirAtomic(ckpt, { 'trainer.json': '{"epoch":2}' });
    expect(readdirSync(ckpt)).toEqual(['trainer.json']);
    expect(readFileSync(join(ckpt, 'trainer.json'), 'utf8')).toBe('{"epoch":2}');
    expect(readdirSync(dir)).toEqual(['epoch-0001']);
  });

  it('writes nested relative paths', async () => {
    const dir = scratch();
    await writeDirAtomic(join(dir, 'tree'), {
      'train/cat/0001.jpg': new Uint8Array([255, 216]),
      'test/dog/0001.jpg': 'x',
      README: 'r',
    });
    expect(readdirSync(join(dir, 'tree')).sort()).toEqual(['README', 'test', 'train']);
    expect([...readFileSync(join(dir, 'tree', 'train', 'cat', '0001.jpg'))]).toEqual([255, 216]);
  });

  it('refuses file names that would leave the folder or name none', async () => {
    const dir = scratch();
    for (const bad of ['../evil', 'a/../../evil', '/etc/passwd', 'C:/x', '.', 'a//b', '']) {
      await expect(writeDirAtomic(join(dir, 'c'), { [bad]: 'x' })).rejects.toThrow('must be a relative path');
    }
    expect(existsSync(join(dir, 'c'))).toBe(false);
  });
});

describe('removeTempLeftovers', () => {
  it("removes a dead writer's leftovers and keeps a live writer's recent ones", async () => {
    const dir = scratch();
    const dead = `.model.json.999999999.abcd1234${TEMP_SUFFIX}`;
    const live = `.model.json.${process.ppid}.abcd1234${TEMP_SUFFIX}`;
    writeFileSync(join(dir, dead), 'half');
    mkdirSync(join(dir, live));
    writeFileSync(join(dir, 'model.json'), 'whole');
    expect(await removeTempLeftovers(dir)).toEqual([dead]);
    expect(readdirSync(dir).sort()).toEqual([live, 'model.json'].sort());
    const old = new Date(Date.now() - 3_600_000);
    utimesSync(join(dir, live), old, old);
    expect(await removeTempLeftovers(dir)).toEqual([live]);
    expect(await removeTempLeftovers(join(dir, 'missing'))).toEqual([]);
  });
});

describe('createFileAtomic', () => {
  it('creates the file whole, refuses one that exists (EEXIST, left as it was) and leaves no temporary file', async () => {
    const dir = scratch();
    const file = join(dir, '.lock');
    await createFileAtomic(file, '{"pid":1}');
    expect(readFileSync(file, 'utf8')).toBe('{"pid":1}');
    await expect(createFileAtomic(file, '{"pid":2}')).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readFileSync(file, 'utf8')).toBe('{"pid":1}');
    expect(readdirSync(dir)).toEqual(['.lock']);
  });
});

describe('@dlkit/core/node in a browser bundle', () => {
  it('resolves to the same names, each failing with a clear error instead of touching a file system', async () => {
    const node = await import('../src/node');
    const browser = await import('../src/node-browser');
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
    expect(browser.TEMP_SUFFIX).toBe(node.TEMP_SUFFIX);
    await expect(browser.writeFileAtomic('a.json', 'x')).rejects.toThrow(
      'writeFileAtomic: expected Node.js (a file system), received "a browser"',
    );
    await expect(browser.writeDirAtomic('d', {})).rejects.toMatchObject({ code: 'NODE_ONLY' });
    await expect(browser.createFileAtomic('d/.lock', 'x')).rejects.toMatchObject({ code: 'NODE_ONLY' });
    expect(() => browser.processAlive(1)).toThrow(expect.objectContaining({ code: 'NODE_ONLY' }));
  });
});
