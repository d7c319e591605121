import { describe, expect, it } from 'vitest';
import * as api from '../src/index';

describe('public entry', () => {
  it('exports the documented API and nothing is run at import', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'LinearSVC',
        'MinMaxScaler',
        'SVC',
        'StandardScaler',
        'SvmBridgeError',
        'fromModel',
        'gridSearch',
        'hog',
        'hogBatch',
        'hogLength',
        'loadLibsvm',
        'resolveGamma',
        'trainOnModelFeatures',
      ].sort(),
    );
  });
});
