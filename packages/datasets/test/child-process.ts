import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tempDir } from './helpers';

/** File URL of a source module, for `import()` inside a child script. */
export const srcUrl = (name: string): string => pathToFileURL(join(__dirname, '..', 'src', name)).href;

export interface ChildResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** A running child process executing `code` (TypeScript module syntax, via tsx). */
export interface Child {
  pid: number;
  done: Promise<ChildResult>;
  kill(): void;
}

let scripts: string | undefined;

/**
 * Starts a real Node process (`node --import tsx`) running `code` as an ES module. The package's sources are
 * imported by the script with `await import(srcUrl('…'))`, so no build is needed.
 */
export async function startChild(code: string): Promise<Child> {
  scripts ??= await tempDir('dlkit-datasets-child-');
  const file = join(scripts, `child-${Date.now()}-${Math.random().toString(16).slice(2)}.mts`);
  await writeFile(file, code);
  const child = spawn(process.execPath, ['--import', 'tsx', '--no-warnings', file], {
    cwd: join(__dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<ChildResult>((resolve) => child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr })));
  return { pid: child.pid as number, done, kill: () => child.kill('SIGKILL') };
}

/** Runs `code` in a child process and waits for it. */
export async function runChild(code: string): Promise<ChildResult> {
  return (await startChild(code)).done;
}
