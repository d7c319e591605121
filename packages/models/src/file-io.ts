import * as tf from '@tensorflow/tfjs-core';
import { coreNode, nodeFs, nodePath, nodeUrl } from './node-builtins';
import { ModelsError } from './errors';
import { manifestBytes } from './weight-bytes';

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

/**
 * The weight file that goes with a model file: `a.json` → `a.weights.bin`, `model.json` → `model.weights.bin`.
 * One name per model file, so models saved side by side in one folder never share (and overwrite) weights.
 */
export function weightsFileName(jsonName: string): string {
  return `${jsonName.endsWith('.json') ? jsonName.slice(0, -'.json'.length) : jsonName}.weights.bin`;
}

/** The `model.json` text and weight bytes of a model's artifacts, its weights stored in `weightsName`. Internal. */
export function modelFiles(
  artifacts: tf.io.ModelArtifacts,
  weightsName: string,
): { json: string; weights: Uint8Array; modelJson: tf.io.ModelJSON } {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new ModelsError(
      'modelTopology',
      'a binary topology',
      'a JSON topology (a LayersModel)',
      'binary (GraphModel) topologies are not supported',
    );
  }
  const weightData =
    artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
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
  return { json: JSON.stringify(modelJson), weights: new Uint8Array(weightData), modelJson };
}

/** Reads a file, or throws a {@link ModelsError} naming it (`NOT_FOUND` when it does not exist). Internal. */
export async function readModelFile(file: string, what: string, argument = '', hint?: string): Promise<Buffer> {
  const { readFile } = await nodeFs();
  try {
    return await readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new ModelsError(argument, code === 'ENOENT' ? 'no such file' : (cause as Error).message, what, hint, {
      file,
      cause,
      code: code === 'ENOENT' ? 'NOT_FOUND' : 'CORRUPT',
    });
  }
}

/** Parses a JSON file's bytes, or throws a {@link ModelsError} naming the file (`CORRUPT`). Internal. */
export function parseJsonFile(file: string, bytes: Uint8Array, what: string, hint?: string): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    const received = text.trim() === '' ? 'an empty file' : `invalid JSON (${(cause as Error).message})`;
    throw new ModelsError('', received, what, hint, { file, cause, code: 'CORRUPT' });
  }
}

/**
 * The path of a weight file a manifest lists, refusing any that leaves the model's folder (`../x.bin`,
 * absolute paths, URLs): a model file must not make the loader read files elsewhere. Internal.
 */
async function weightPath(dir: string, json: string, p: unknown, argument: string): Promise<string> {
  const { isAbsolute, join, relative, resolve, sep } = await nodePath();
  const refuse = (): never => {
    throw new ModelsError(argument, p, "a file name inside the model's folder", undefined, { file: json, code: 'UNSAFE_PATH' });
  };
  if (typeof p !== 'string' || p.length === 0 || /^[a-z][a-z0-9+.-]*:/i.test(p) || isAbsolute(p)) refuse();
  const rel = relative(dir, resolve(dir, p as string));
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) refuse();
  return join(dir, rel);
}

/** A tfjs `IOHandler` with both halves (save and load) present. */
export interface FileSystemHandler extends tf.io.IOHandler {
  save(modelArtifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult>;
  load(): Promise<tf.io.ModelArtifacts>;
}

/**
 * A tfjs `IOHandler` that saves and loads models on the local file system in the tfjs format, like
 * tfjs-node's `file://` handler, which `@tensorflow/tfjs-core` lacks. `path` is a folder (holding
 * `model.json`) or the path of a model file such as `out/a.json`, with or without `file://`.
 *
 * The weights are stored next to the model file and named after it (`a.json` → `a.weights.bin`,
 * `model.json` → `model.weights.bin`), so several models can share a folder. Each file is written with
 * `@dlkit/core`'s `writeFileAtomic` (temp file, fsync, rename), the weights first and the model file last.
 *
 * Loading reads every weight shard the manifest lists (models converted by `tensorflowjs_converter` have
 * several), refuses paths that leave the model's folder, and checks that the bytes match the sizes the
 * manifest lists: a truncated, overwritten or foreign weight file is a {@link ModelsError} naming the file,
 * the expected and the received size (code `'TRUNCATED'`), never silently wrong weights.
 *
 * @example
 * ```ts
 * import { fileSystem } from '@dlkit/models';
 * await model.save(fileSystem('file://./out/mnist'));      // out/mnist/model.json + model.weights.bin
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
      const json = await jsonPath(true);
      const [{ basename, dirname, join }, core] = await Promise.all([nodePath(), coreNode()]);
      const dir = dirname(json);
      const weightsName = weightsFileName(basename(json));
      const files = modelFiles(artifacts, weightsName);
      // What an earlier save killed mid-write left in this folder.
      await core.removeTempLeftovers(dir);
      await core.writeFileAtomic(join(dir, weightsName), files.weights);
      await core.writeFileAtomic(json, files.json);
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(files.modelJson.modelTopology).length,
          weightSpecsBytes: JSON.stringify(files.modelJson.weightsManifest).length,
          weightDataBytes: files.weights.byteLength,
        },
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const json = await jsonPath(false);
      const { dirname } = await nodePath();
      const hint = 'check the path; save with saveModel() or convert with tensorflowjs_converter';
      const parsed = parseJsonFile(
        json,
        await readModelFile(json, 'a tfjs model.json', 'location', hint),
        'a tfjs model.json',
        hint,
      ) as tf.io.ModelJSON;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || parsed.modelTopology === undefined) {
        throw new ModelsError(
          'modelTopology',
          'JSON without modelTopology',
          'a tfjs model.json with modelTopology and weightsManifest',
          undefined,
          { file: json, code: 'CORRUPT' },
        );
      }
      const manifest: unknown = parsed.weightsManifest;
      if (manifest !== undefined) {
        const groupsOk =
          Array.isArray(manifest) &&
          manifest.every(
            (g: Partial<tf.io.WeightsManifestConfig[number]> | null) =>
              typeof g === 'object' && g !== null && Array.isArray(g.paths) && Array.isArray(g.weights),
          );
        if (!groupsOk) {
          throw new ModelsError('weightsManifest', manifest, 'an array of { paths, weights } groups', undefined, {
            file: json,
            code: 'CORRUPT',
          });
        }
      }
      const dir = dirname(json);
      return tf.io.getModelArtifactsForJSON(parsed, async (groups) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const buffers: ArrayBuffer[] = [];
        for (const [g, group] of groups.entries()) {
          specs.push(...group.weights);
          let received = 0;
          let last = json;
          for (const [k, p] of group.paths.entries()) {
            const file = await weightPath(dir, json, p, `weightsManifest[${g}].paths[${k}]`);
            const b = await readModelFile(file, `a weight file listed in ${json}`, `weightsManifest[${g}].paths[${k}]`);
            buffers.push(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
            received += b.byteLength;
            last = file;
          }
          const expected = manifestBytes(group.weights);
          if (expected !== undefined && expected !== received) {
            const shards = group.paths.length > 1 ? ` for its ${group.paths.length} shards together` : '';
            throw new ModelsError(
              `weightsManifest[${g}]`,
              received,
              `${expected} bytes (the size ${json} lists${shards})`,
              'the weight file was cut short, or belongs to another model',
              { file: last, code: 'TRUNCATED' },
            );
          }
        }
        return [specs, tf.io.concatenateArrayBuffers(buffers)];
      });
    },
  };
}
