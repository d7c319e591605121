import { spawnSync } from 'node:child_process';

/** The Python that runs the scikit-learn side of the comparison (`src/sklearn_svc.py`). */
export const PYTHON = '/usr/bin/python3';

const NEEDS = 'the comparison needs Python 3 with numpy and scikit-learn (Debian: apt-get install python3-sklearn)';

/**
 * Why `python` cannot run `src/sklearn_svc.py` — it is missing, or cannot import numpy and scikit-learn — or
 * undefined when it can. Asked before any data are loaded or any SVM is fitted, so a machine without
 * scikit-learn says so in a second rather than after minutes of fitting.
 *
 * @example
 * ```ts
 * const problem = sklearnProblem();
 * if (problem !== undefined) throw new Error(problem);
 * ```
 */
export function sklearnProblem(python: string = PYTHON): string | undefined {
  const r = spawnSync(python, ['-c', 'import numpy, sklearn.svm'], { encoding: 'utf8' });
  if (r.error !== undefined) {
    const code = (r.error as NodeJS.ErrnoException).code ?? r.error.message;
    return `cannot run ${python} (${code}): ${NEEDS}`;
  }
  if (r.status !== 0) {
    const last = r.stderr.trim().split('\n').pop() || `exit status ${r.status ?? r.signal}`;
    return `${python} cannot import numpy and scikit-learn (${last}): ${NEEDS}`;
  }
  return undefined;
}
