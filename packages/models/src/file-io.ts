import * as tf from '@tensorflow/tfjs-core';
import { nodeFs, nodePath, nodeUrl } from './node-builtins';
import { writeFileAtomic } from './atomic-write';
import { ModelsError } from './errors';

/** Strips a `file://` prefix (URL or plain `file://relative/path`). Internal. */
export async function filePath(pathOrUrl: string): Promise<string> {
  if (!pathOrUrl.startsWith('file://')) return pathOrUrl;
  const { fileURLToPath } = await nodeUrl();
  try {
    if (pathOrUrl.startsWith('file:///')) return fileURLToPath(pathOrUrl);
  } catch {
    /* fall through to the plain form */
  }
  return pathOrUrl.slice('file://'.length);
}

async function isDirectory(path: string): Promise<boolean> {
  const { stat } = await nodeFs();
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** A tfjs `IOHandler` with both halves (save and load) present. */
export interface FileSystemHandler extends tf.io.IOHandler {
  save(modelArtifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult>;
  load(): Promise<tf.io.ModelArtifacts>;
}

/**
 * A tfjs `IOHandler` that saves and loads models on the local file system in the tfjs format
 * (`model.json` + `weights.bin`), like tfjs-node's `file://` handler, which `@tensorflow/tfjs-core` lacks.
 * `path` is a folder (holding `model.json`) or the path of a `model.json`, with or without `file://`.
 * Saving is atomic: each file goes to a temporary name first, then is renamed; `model.json` last. Loading
 * reads every weight shard the manifest lists (models converted by `tensorflowjs_converter` have several).
 *
 * @example
 * ```ts
 * import { fileSystem } from '@dlkit/models';
 * await model.save(fileSystem('file://./out/mnist'));      // out/mnist/model.json + weights.bin
 * const again = await tf.loadLayersModel(fileSystem('./out/mnist'));
 * ```
 */
export function fileSystem(path: string): FileSystemHandler {
  if (typeof path !== 'string' || path.length === 0) throw new ModelsError('path', path, 'a folder or model.json path');
  if (typeof process === 'undefined' || typeof process.cwd !== 'function') {
    throw new ModelsError('path', path, 'an http(s):// or browser-storage URL in a browser', 'fileSystem() needs Node.js');
  }
  // Relative paths are resolved against the working directory at the time of this call.
  const cwd = process.cwd();
  const jsonPath = async (forSave: boolean) => {
    const { join, resolve } = await nodePath();
    const target = resolve(cwd, await filePath(path));
    if (target.endsWith('.json')) return target;
    if (forSave || (await isDirectory(target))) return join(target, 'model.json');
    return target;
  };
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new ModelsError('modelTopology', 'a binary topology', 'a JSON topology (a LayersModel)', 'binary (GraphModel) topologies are not supported');
      }
      const json = await jsonPath(true);
      const { dirname, join } = await nodePath();
      const dir = dirname(json);
      const weightsName = 'weights.bin';
      const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers`,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${weightsName}`], weights: artifacts.weightSpecs ?? [] }],
      };
      if (artifacts.trainingConfig !== undefined) modelJson.trainingConfig = artifacts.trainingConfig;
      if (artifacts.userDefinedMetadata !== undefined) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
      if (artifacts.signature !== undefined) modelJson.signature = artifacts.signature;
      if (artifacts.modelInitializer !== undefined) modelJson.modelInitializer = artifacts.modelInitializer;
      await writeFileAtomic(join(dir, weightsName), new Uint8Array(weightData));
      await writeFileAtomic(json, JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(modelJson.modelTopology).length,
          weightSpecsBytes: JSON.stringify(modelJson.weightsManifest).length,
          weightDataBytes: weightData.byteLength,
        },
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = await jsonPath(false);
      const [{ readFile }, { dirname, join }] = await Promise.all([nodeFs(), nodePath()]);
      let parsed: tf.io.ModelJSON;
      try {
        parsed = JSON.parse(await readFile(json, 'utf8')) as tf.io.ModelJSON;
      } catch (cause) {
        throw new ModelsError(json, (cause as Error).message, 'a readable tfjs model.json', 'check the path; save with saveModel() or convert with tensorflowjs_converter', { cause });
      }
      if (typeof parsed !== 'object' || parsed === null || parsed.modelTopology === undefined) {
        throw new ModelsError(json, 'JSON without modelTopology', 'a tfjs model.json with modelTopology and weightsManifest');
      }
      const dir = dirname(json);
      return tf.io.getModelArtifactsForJSON(parsed, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const p of group.paths) {
            const file = join(dir, p);
            try {
              const b = await readFile(file);
              buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
            } catch (cause) {
              throw new ModelsError(file, (cause as Error).message, 'a weight file listed in model.json', undefined, { cause });
            }
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}
