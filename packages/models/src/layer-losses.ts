import type * as tf from '@tensorflow/tfjs-core';
import type { layers, LayersModel } from '@tensorflow/tfjs-layers';

type Layer = layers.Layer;

function isContainer(layer: Layer): layer is Layer & { layers: Layer[] } {
  return Array.isArray((layer as unknown as { layers?: unknown }).layers);
}

/**
 * The losses the layers of `model` add (kernel/bias/activity regularisers, `addLoss`), each layer once, nested
 * models included — what Keras sums as `model.losses`. tfjs's own `calculateLosses()` returns nothing for a
 * `Sequential` (it looks for its layers in the inner model's nodes), so regularisers there were silently dropped,
 * and it counts a shared layer once per call site.
 */
export function layerLosses(model: LayersModel): tf.Scalar[] {
  const losses: tf.Scalar[] = [];
  const seen = new Set<Layer>();
  const visit = (layer: Layer): void => {
    if (seen.has(layer)) return;
    seen.add(layer);
    if (isContainer(layer)) for (const inner of layer.layers) visit(inner);
    else losses.push(...layer.calculateLosses());
  };
  for (const layer of model.layers) visit(layer);
  return losses;
}
