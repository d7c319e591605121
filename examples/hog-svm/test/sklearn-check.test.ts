import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PYTHON, sklearnProblem } from '../src/sklearn-check';

const dir = mkdtempSync(join(tmpdir(), 'hog-svm-python-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for python3: a shell script with `body`. */
function fakePython(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('the scikit-learn check of compare-sklearn', () => {
  it('runs the comparison with the system Python', () => {
    expect(PYTHON).toBe('/usr/bin/python3');
  });

  it('passes a Python that imports numpy and scikit-learn', () => {
    // Succeeds only when asked to import both.
    const python = fakePython('python-ok', 'case "$1 $2" in "-c "*numpy*sklearn*) exit 0 ;; esac\nexit 3');
    expect(sklearnProblem(python)).toBeUndefined();
  });

  it('names the missing module and the Debian package when scikit-learn is not installed', () => {
    const python = fakePython(
      'python-no-sklearn',
      'echo "Traceback (most recent call last):" >&2\necho "ModuleNotFoundError: No module named \'sklearn\'" >&2\nexit 1',
    );
    expect(sklearnProblem(python)).toBe(
      `${python} cannot import numpy and scikit-learn (ModuleNotFoundError: No module named 'sklearn'): ` +
        'the comparison needs Python 3 with numpy and scikit-learn (Debian: apt-get install python3-sklearn)',
    );
  });

  it('says so when there is no Python at all', () => {
    const python = join(dir, 'no-such-python');
    expect(sklearnProblem(python)).toBe(
      `cannot run ${python} (ENOENT): the comparison needs Python 3 with numpy and scikit-learn (Debian: apt-get install python3-sklearn)`,
    );
  });

  it('gives the exit status when Python fails without a word', () => {
    expect(sklearnProblem(fakePython('python-silent', 'exit 7'))).toMatch(
      /cannot import numpy and scikit-learn \(exit status 7\)/,
    );
  });
});
