import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { processAlive } from '../src/process-alive';

describe('processAlive', () => {
  it('is true for a running process, including one owned by another user (pid 1)', () => {
    expect(processAlive(process.pid)).toBe(true);
    expect(processAlive(1)).toBe(true);
  });

  it('is false for a process that has exited', () => {
    const child = spawnSync(process.execPath, ['-e', '0']);
    expect(child.status).toBe(0);
    expect(processAlive(child.pid as number)).toBe(false);
  });
});
