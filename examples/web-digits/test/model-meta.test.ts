import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkMeta } from '../src/model-meta';

const modelDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'model');

describe('the shipped model', () => {
  it('has its normalisation, class names and accuracy in meta.json, and stays small', () => {
    const meta = checkMeta(JSON.parse(readFileSync(join(modelDir, 'meta.json'), 'utf8')));
    // The bundled MNIST sample's training statistics (close to the full MNIST's 0.1307 / 0.3081).
    expect(meta.normalization.mean[0]).toBeGreaterThan(0.12);
    expect(meta.normalization.mean[0]).toBeLessThan(0.14);
    expect(meta.normalization.std[0]).toBeGreaterThan(0.29);
    expect(meta.normalization.std[0]).toBeLessThan(0.32);
    expect(meta.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(meta.training.testAccuracy).toBeGreaterThan(0.95);
    // One weight file next to model.json: weights.bin as shipped, model.weights.bin when prepare-model re-saves it
    // (saveModel names the weights after the model file).
    const manifest = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] };
    const paths = manifest.weightsManifest.flatMap((g) => g.paths);
    expect(paths).toHaveLength(1);
    expect(paths[0]).toMatch(/^\.\/(model\.)?weights\.bin$/);
    const bytes = statSync(join(modelDir, paths[0]!)).size + statSync(join(modelDir, 'model.json')).size;
    expect(bytes).toBe(meta.training.modelBytes);
    expect(bytes).toBeLessThan(1024 * 1024);
  });

  it('rejects a meta.json without the statistics, naming the field', () => {
    expect(() => checkMeta({ inputShape: [28, 28, 1], pixelScale: 1 / 255, classNames: [] })).toThrow(/normalization must be/);
    expect(() => checkMeta(null)).toThrow(/the file must be a JSON object/);
  });
});
