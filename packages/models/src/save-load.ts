import * as tf from '@tensorflow/tfjs-core';
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

/** Options of {@link loadModel}: tfjs' load options, and which weights the model gets. */
export interface LoadModelOptions extends tf.io.LoadOptions {
  /**
   * `'trained'` (default): the saved weights. `'initial'`: the saved architecture with the weights its
   * initialisers give (the same ones training started from when they were seeded, fresh ones otherwise) —
   * Keras' `model_from_json`, for "the same network, untrained" baselines. The saved weight values are not used.
   */
  weights?: 'trained' | 'initial';
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
 * const untrained = await loadModel('./models/mnist', { weights: 'initial' });
 * ```
 */
export async function loadModel(location: ModelLocation, options: LoadModelOptions = {}): Promise<LayersModel> {
  requireBackend('loadModel');
  const { weights = 'trained', ...loadOptions } = options;
  if (weights !== 'trained' && weights !== 'initial') {
    throw new ModelsError('options.weights', weights, '"trained" or "initial"');
  }
  const handler = handlerFor(location, 'location');
  if (weights === 'trained') return loadLayersModel(handler, loadOptions);
  const source = typeof handler === 'string' ? tf.io.getLoadHandlers(handler, loadOptions)[0] : handler;
  const load = source?.load?.bind(source);
  if (load === undefined) throw new ModelsError('location', location, 'a location tfjs can load a model from');
  // Artifacts without weights make tfjs run every initialiser, as building the model in code would.
  return loadLayersModel({
    load: async () => {
      const { modelTopology, format, generatedBy, convertedBy } = await load();
      return { modelTopology, format, generatedBy, convertedBy };
    },
  });
}
