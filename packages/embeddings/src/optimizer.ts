/** One call of the objective: writes the gradient into `grad`, returns the error when asked (else NaN). @internal */
export type Objective = (params: Float64Array, grad: Float64Array, computeError: boolean) => number;

/** Settings of one {@link gradientDescent} phase. @internal */
export interface DescentPhase {
  /** First iteration index of the phase. */
  it: number;
  /** Iteration index at which the phase stops (exclusive). */
  nIter: number;
  momentum: number;
  learningRate: number;
  minGain: number;
  minGradNorm: number;
  nIterWithoutProgress: number;
  /** Error is computed every `nIterCheck` iterations (and at the last one). */
  nIterCheck: number;
  /** Called after each check with (iteration, error, gradient norm); return `true` to stop. */
  onCheck?: (iteration: number, error: number, gradNorm: number) => void;
}

/**
 * Gradient descent with momentum and per-parameter gains (Jacobs 1988 delta-bar-delta as used by
 * t-SNE), exactly as scikit-learn's `sklearn.manifold._t_sne._gradient_descent`: gains += 0.2 where the
 * update and gradient disagree in sign, × 0.8 otherwise, clipped at `minGain`; convergence checked every
 * `nIterCheck` iterations on the best error and the gradient norm. Updates `params` in place and returns
 * the last computed error and the last iteration index. @internal
 */
export function gradientDescent(
  objective: Objective,
  params: Float64Array,
  phase: DescentPhase,
): { error: number; iteration: number } {
  const m = params.length;
  const update = new Float64Array(m);
  const gains = new Float64Array(m).fill(1);
  const grad = new Float64Array(m);
  let error = Number.MAX_VALUE;
  let bestError = Number.MAX_VALUE;
  let bestIter = phase.it;
  let i = phase.it;
  const { momentum, learningRate, minGain } = phase;
  for (i = phase.it; i < phase.nIter; i++) {
    const check = (i + 1) % phase.nIterCheck === 0;
    const computeError = check || i === phase.nIter - 1;
    const e = objective(params, grad, computeError);
    if (computeError) error = e;
    let norm2 = 0;
    for (let t = 0; t < m; t++) {
      const g = grad[t];
      norm2 += g * g;
      let gain = gains[t];
      gain = update[t] * g < 0 ? gain + 0.2 : gain * 0.8;
      if (gain < minGain) gain = minGain;
      gains[t] = gain;
      const u = momentum * update[t] - learningRate * gain * g;
      update[t] = u;
      params[t] += u;
    }
    if (check) {
      const gradNorm = Math.sqrt(norm2);
      phase.onCheck?.(i + 1, error, gradNorm);
      if (error < bestError) {
        bestError = error;
        bestIter = i;
      } else if (i - bestIter > phase.nIterWithoutProgress) {
        break;
      }
      if (gradNorm <= phase.minGradNorm) break;
    }
  }
  return { error, iteration: Math.min(i, phase.nIter - 1) };
}
