import * as tf from '@tensorflow/tfjs-core';

/**
 * Zeiler's Adadelta (2012, Algorithm 1), as PyTorch and Keras compute it. tfjs-core 4.x's
 * `AdadeltaOptimizer` divides by the *previous* gradient accumulator, so its first step is a plain SGD step of
 * size η·g whatever ρ and ε (with η = 1 that throws a deep net far off); this subclass divides by the
 * updated one: E[g²]ₜ = ρE[g²]ₜ₋₁ + (1−ρ)g², Δ = √(E[Δ²]ₜ₋₁+ε)/√(E[g²]ₜ+ε)·g, E[Δ²]ₜ = ρE[Δ²]ₜ₋₁ + (1−ρ)Δ²,
 * w −= ηΔ. Its slots, `getWeights`/`setWeights` and serialisation are the parent's. Internal: created by
 * `createOptimizer({ name: 'adadelta' })`.
 */
export class ZeilerAdadelta extends tf.AdadeltaOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdadeltaOptimizer['applyGradients']>[0]): void {
    const self = this as unknown as {
      accumulatedGrads: Array<{ originalName: string; variable: tf.Variable } | undefined>;
      accumulatedUpdates: Array<{ originalName: string; variable: tf.Variable } | undefined>;
      rho: number;
      epsilon: number;
      learningRate: number;
    };
    const names = Array.isArray(variableGradients) ? variableGradients.map((g) => g.name) : Object.keys(variableGradients);
    names.forEach((name, i) => {
      const value = tf.engine().registeredVariables[name];
      self.accumulatedGrads[i] ??= {
        originalName: `${name}/accum_grad`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
      };
      self.accumulatedUpdates[i] ??= {
        originalName: `${name}/accum_var`,
        variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
      };
      const gradient = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
      if (gradient == null) return;
      const accGrad = (self.accumulatedGrads[i] as { variable: tf.Variable }).variable;
      const accUpdate = (self.accumulatedUpdates[i] as { variable: tf.Variable }).variable;
      tf.tidy(() => {
        const newAccGrad = tf.add(tf.mul(accGrad, self.rho), tf.mul(tf.square(gradient), 1 - self.rho));
        const update = tf.mul(
          tf.div(tf.sqrt(tf.add(accUpdate, self.epsilon)), tf.sqrt(tf.add(newAccGrad, self.epsilon))),
          gradient,
        );
        accUpdate.assign(tf.add(tf.mul(accUpdate, self.rho), tf.mul(tf.square(update), 1 - self.rho)));
        accGrad.assign(newAccGrad);
        value.assign(tf.add(tf.mul(update, -self.learningRate), value));
      });
    });
    this.incrementIterations();
  }
}
