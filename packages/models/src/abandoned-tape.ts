import * as tf from '@tensorflow/tfjs-core';

interface TapeState {
  gradientDepth: number;
  activeTape: Array<{ saved?: tf.Tensor[] }> | null;
}

/**
 * Frees what a gradient computation that threw left on tfjs' tape. During the forward pass tfjs keeps the
 * tensors each kernel needs for backprop and disposes them only after backprop; when the forward pass throws
 * (a loss function that fails, a layer that refuses its input), backprop never runs and they would stay
 * allocated for good. This is the clean-up `engine.gradients` does at its end. Internal: call it only from the
 * `catch` of an outermost `minimize` / `variableGrads`.
 */
export function disposeAbandonedTape(): void {
  const state = (tf.engine() as unknown as { state: TapeState }).state;
  if (state.gradientDepth !== 0 || state.activeTape === null) return;
  for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
  state.activeTape = null;
}
