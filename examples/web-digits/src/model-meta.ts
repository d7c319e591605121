/** What prepare-model writes next to the model (public/model/meta.json). */
export interface ModelMeta {
  /** `[height, width, channels]` the model takes: `[28, 28, 1]`. */
  inputShape: [number, number, number];
  /** Factor from bytes to the [0, 1] pixels the statistics were taken on (1/255). */
  pixelScale: number;
  /** The training set's per-channel mean and deviation mnist-convnet standardised with. */
  normalization: { mean: number[]; std: number[] };
  /** Class name of each output unit. */
  classNames: string[];
  /** How the model was trained, and its accuracy on the held-out test digits. */
  training: {
    command: string;
    model: string;
    parameters: number;
    epochs: number;
    trainSamples: number;
    testSamples: number;
    testAccuracy: number;
    engine: string;
    trainSeconds: number;
    modelBytes: number;
  };
}

/** Fails with the field name when meta.json does not have the expected layout. */
export function checkMeta(value: unknown): ModelMeta {
  const m = value as Partial<ModelMeta> | null;
  const fail = (field: string, expected: string): never => {
    throw new Error(`model/meta.json: ${field} must be ${expected} (run the prepare-model script again)`);
  };
  if (m === null || typeof m !== 'object') fail('the file', 'a JSON object');
  if (!Array.isArray(m!.inputShape) || m!.inputShape.join() !== '28,28,1') fail('inputShape', '[28, 28, 1]');
  if (typeof m!.pixelScale !== 'number' || !(m!.pixelScale > 0)) fail('pixelScale', 'a positive number');
  const n = m!.normalization;
  if (!n || !Array.isArray(n.mean) || !Array.isArray(n.std) || n.mean.length !== 1 || n.std.length !== 1 || !(n.std[0]! > 0)) {
    fail('normalization', '{ mean: [number], std: [positive number] }');
  }
  if (!Array.isArray(m!.classNames) || m!.classNames.length !== 10) fail('classNames', 'ten class names');
  return m as ModelMeta;
}
