import type * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { ModelsError } from './errors';
import { requireBackend } from './require-backend';
import { fileSystem } from './file-io';

/** Where a model lives: a local path / `file://` URL (Node), `http(s)://`, `indexeddb://`, `localstorage://` (browser), or an IOHandler. */
export type ModelLocation = string | tf.io.IOHandler;

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

function handlerFor(location: ModelLocation, argument: string): string | tf.io.IOHandler {
  if (typeof location === 'object' && location !== null) return location;
  if (typeof location !== 'string' || location.length === 0) {
    throw new ModelsError(argument, location, 'a path, a file:// / http(s):// / indexeddb:// URL, or a tfjs IOHandler');
  }
  if (location.startsWith('file://') || !SCHEME.test(location)) return fileSystem(location);
  return location;
}

/**
 * Saves a model in the tfjs format. Local paths and `file://` URLs use {@link fileSystem}: atomic writes,
 * the weights named after the model file (`out/a.json` → `out/a.weights.bin`; a folder gets `model.json` +
 * `model.weights.bin`), so models saved side by side keep their own weights. Other URLs (`indexeddb://`,
 * `localstorage://`, `http(s)://` for a POST) go to tfjs' own handlers.
 *
 * @example
 * ```ts
 * await saveModel(model, './models/mnist');           // models/mnist/model.json + model.weights.bin
 * await saveModel(other, './models/mnist/small.json'); // models/mnist/small.json + small.weights.bin
 * await saveModel(model, 'indexeddb://mnist');         // in a browser
 * ```
 */
export async function saveModel(model: LayersModel, location: ModelLocation): Promise<tf.io.SaveResult> {
  return model.save(handlerFor(location, 'location'));
}

/**
 * Loads a tfjs layers model (saved by {@link saveModel}, tfjs, or converted from Keras with
 * `tensorflowjs_converter --input_format keras`) from a folder, a `model.json` path, a `file://`,
 * `http(s)://` or browser-storage URL. Custom `@dlkit/layers` layers deserialise once `@dlkit/layers` is imported.
 * From the file system, a weight file whose size differs from what the manifest lists, or a manifest path
 * leaving the model's folder, is a {@link ModelsError} naming the file (see {@link fileSystem}).
 *
 * @example
 * ```ts
 * const model = await loadModel('./models/mnist');
 * const remote = await loadModel('https://example.org/mobilenet/model.json');
 * ```
 */
export async function loadModel(location: ModelLocation, options: tf.io.LoadOptions = {}): Promise<LayersModel> {
  requireBackend('loadModel');
  return loadLayersModel(handlerFor(location, 'location'), options);
}
