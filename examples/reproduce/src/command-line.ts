import { join } from 'node:path';
import type { Command } from './experiment';

/** Quotes one shell word when it needs it (for display: the command can be pasted into a shell). */
export function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The exact command a trial runs, as a line to paste into a shell at the repository root:
 * `(cd examples/cifar-cnn && node --import tsx src/main.ts --full …)`.
 */
export function commandLine(command: Command, python = '/usr/bin/python3'): string {
  const program = command.runner === 'tsx' ? ['node', '--import', 'tsx', command.script] : [python, command.script];
  return `(cd ${quote(command.cwd)} && ${[...program, ...command.args].map(quote).join(' ')})`;
}

/** The executable and arguments that run `command` (`node` is this process's, so the same Node version). */
export function commandArgv(command: Command, python: string): { file: string; args: string[] } {
  return command.runner === 'tsx'
    ? { file: process.execPath, args: ['--import', 'tsx', command.script, ...command.args] }
    : { file: python, args: [command.script, ...command.args] };
}

/** The example's working folder in the checkout at `root`. */
export function commandCwd(command: Command, root: string): string {
  return join(root, command.cwd);
}
