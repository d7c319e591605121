import { model as functionalModel, type LayersModel, type SymbolicTensor } from '@tensorflow/tfjs-layers';
import { ModelsError } from './errors';

/** The named layer of `model`, or a typed error listing the names. Internal. */
export function findLayer(model: LayersModel, name: string, argument = 'layerName'): LayersModel['layers'][number] {
  const layer = model.layers.find((l) => l.name === name);
  if (layer === undefined) {
    throw new ModelsError(argument, name, `one of the model's layers: ${model.layers.map((l) => l.name).join(', ')}`);
  }
  return layer;
}

/** The symbolic output of a layer within `model`'s graph. Internal. */
export function symbolicOutput(model: LayersModel, name: string, argument = 'layerName'): SymbolicTensor {
  const layer = findLayer(model, name, argument);
  let out: SymbolicTensor | SymbolicTensor[];
  try {
    out = layer.output;
  } catch {
    out = layer.getOutputAt(0);
  }
  if (Array.isArray(out)) throw new ModelsError(argument, name, 'a layer with a single output');
  return out;
}

/**
 * A model sharing `model`'s layers (and weights) from its input up to the named layers' outputs.
 * Internal; do not dispose it (that would dispose the shared weights).
 */
export function truncated(model: LayersModel, names: readonly string[], argument = 'layerName'): LayersModel {
  return functionalModel({ inputs: model.inputs, outputs: names.map((n) => symbolicOutput(model, n, argument)) });
}
