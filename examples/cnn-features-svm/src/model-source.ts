import { loadModel } from '@dlkit/models';
import { type ModelSource, resolveModelSource } from '@dlkit-examples/common';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { FeaturesSvmError } from './errors';

/** What the data and the flags demand of a trained network. */
export interface PretrainedRequirements {
  /** The `model.json` the model came from, named in every error. */
  file: string;
  /** One image's shape, `[height, width, channels]` (CIFAR-10: `[32, 32, 3]`). */
  imageShape: readonly number[];
  /** The classes of the data: the model's output must have as many units. */
  numClasses: number;
  /** The feature layers asked for. */
  layers: readonly string[];
}

/** The names of `model`'s layers, in order. */
export function layerNames(model: LayersModel): string[] {
  return model.layers.map((l) => l.name);
}

/**
 * Checks before any forward pass that a loaded network fits the experiment: its input is one image of the
 * data's shape, its output has one unit per class, and every requested layer exists. Each mismatch is a
 * {@link FeaturesSvmError} naming the file, with the available layer names for a missing layer, so a wrong
 * `--model` or `--layers` never ends deep inside tfjs.
 */
export function checkPretrained(model: LayersModel, req: PretrainedRequirements): void {
  const input = model.inputs[0]?.shape.slice(1) ?? [];
  if (model.inputs.length !== 1 || input.length !== req.imageShape.length || input.some((d, i) => d !== req.imageShape[i])) {
    throw new FeaturesSvmError(
      'input shape',
      `[${input.map((d) => d ?? 'any').join(', ')}]`,
      `one image of the data, [${req.imageShape.join(', ')}] (height, width, channels)`,
      req.file,
    );
  }
  const out = model.outputs[0]?.shape.at(-1);
  if (model.outputs.length !== 1 || out !== req.numClasses) {
    throw new FeaturesSvmError('output units', out ?? null, `${req.numClasses} (one per class of the data)`, req.file);
  }
  const names = layerNames(model);
  for (const layer of req.layers) {
    if (!names.includes(layer)) {
      throw new FeaturesSvmError('--layers', layer, `a layer of the model: ${names.join(', ')}`, req.file);
    }
  }
}

/** Feature layers used with `--model` when `--layers` is not given. */
export const PRETRAINED_LAYERS = ['fc1', 'fc2'] as const;

/**
 * The default feature layers of a loaded network: those of {@link PRETRAINED_LAYERS} it has (cifarNetTf's
 * `fc1` 384 and `fc2` 192; seed 004 used `fc2`). A network with neither needs `--layers`: a
 * {@link FeaturesSvmError} lists its layer names.
 */
export function defaultPretrainedLayers(model: LayersModel, file: string): string[] {
  const names = layerNames(model);
  const found = PRETRAINED_LAYERS.filter((n) => names.includes(n));
  if (found.length === 0) {
    throw new FeaturesSvmError('--layers', null, `a layer of the model (it has no fc1/fc2): ${names.join(', ')}`, file);
  }
  return found;
}

/**
 * Loads the network `--model` points at ({@link resolveModelSource}) and checks it ({@link checkPretrained});
 * `layers` null takes {@link defaultPretrainedLayers}. The caller owns and disposes the model.
 */
export async function loadPretrained(
  path: string,
  req: Omit<PretrainedRequirements, 'file' | 'layers'> & { layers: readonly string[] | null },
): Promise<{ model: LayersModel; source: ModelSource; layers: string[] }> {
  const source = await resolveModelSource(path);
  const model = await loadModel(source.file);
  try {
    const layers = req.layers ? [...req.layers] : defaultPretrainedLayers(model, source.file);
    checkPretrained(model, { ...req, file: source.file, layers });
    return { model, source, layers };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
