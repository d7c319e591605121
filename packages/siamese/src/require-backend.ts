import * as tf from '@tensorflow/tfjs-core';
import { SiameseError } from './errors';

/**
 * Throws a {@link SiameseError} saying what to call when no TensorFlow.js engine is chosen and none is
 * registered — where tfjs would fail deep inside with a bare "No backend found in registry". Called first by
 * the functions that create a model's weights (`embeddingConvNet`, `gatherImages`). siamese does not depend on
 * `@dlkit/backend` at runtime: it only tells the user to call it. Internal.
 */
export function requireBackend(caller: string): void {
  if (tf.getBackend() || tf.engine().backendNames().length > 0) return;
  throw new SiameseError(
    caller,
    'no TensorFlow.js engine (none chosen, none registered)',
    'an engine chosen before a network is built or images become tensors',
    "Call `await initBackend()` from '@dlkit/backend' first (in a browser: `await initBrowserBackend()` from '@dlkit/backend/browser')",
  );
}
