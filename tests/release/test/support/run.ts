import { execFile } from 'node:child_process';

/** What a finished child process left behind. */
export interface RunResult {
  /** Exit code (`null` when killed by a signal or the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment for child tools: the caller's, minus the `npm_config_*` / `npm_package_*` / `npm_lifecycle_*`
 * variables that `pnpm run` exports (they would leak pnpm-only settings into npm and node), keeping the registry.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    if (lower === 'npm_config_registry') env[key] = value;
    else if (!/^npm_(config|package|lifecycle)_/.test(lower)) env[key] = value;
  }
  return { ...env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra };
}

/**
 * Runs `file args…` in `cwd` without a shell and resolves with its exit code and output (never rejects on a
 * non-zero exit; a missing executable resolves with code `null` and the error in `stderr`).
 */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? cleanEnv(),
        timeout: options.timeoutMs ?? 120_000,
        maxBuffer: 64 * 1024 * 1024,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        const extra = error !== null && typeof error.code !== 'number' ? `\n${error.message}` : '';
        resolve({ code, stdout, stderr: stderr + extra });
      },
    );
  });
}

/** A one-paragraph description of a failed command, for assertion messages. */
export function describeFailure(what: string, result: RunResult): string {
  const tail = (text: string): string => text.trim().split('\n').slice(-40).join('\n');
  return `${what} exited with ${String(result.code)}\n--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`;
}
