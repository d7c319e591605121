// The benchmark models, written with tfjs-core ops only so the engine is what is measured.
// Shapes mirror bench/torch_models.py exactly.
import * as tf from '@tensorflow/tfjs-core';

function glorot(shape, fanIn, fanOut, seed) {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', seed));
}
const zeros = (n) => tf.variable(tf.zeros([n]));

function conv(x, w, b, act, pad = 'valid') {
  const y = tf.add(tf.conv2d(x, w, 1, pad), b);
  return act === 'tanh' ? tf.tanh(y) : tf.relu(y);
}

// @dlkit/layers' LocalResponseNormalization, op for op (size 5, α 1e-4, β 0.75; k 1 as in cifarNetTf): the
// LRN kernel where the engine has its gradient, else pad/slice/add primitives (LRN=primitives forces those,
// to compare).
function lrn(x, k = 1, alpha = 1e-4, beta = 0.75, r = 2) {
  if (process.env.LRN !== 'primitives' && tf.getKernel('LRNGrad', tf.getBackend()) !== undefined)
    return tf.localResponseNormalization(x, r, k, alpha, beta);
  const [n, h, w, c] = x.shape;
  const padded = tf.pad(tf.square(x), [
    [0, 0],
    [0, 0],
    [0, 0],
    [r, r],
  ]);
  let sum = tf.slice(padded, [0, 0, 0, 0], [n, h, w, c]);
  for (let o = 1; o <= 2 * r; o++) sum = tf.add(sum, tf.slice(padded, [0, 0, 0, o], [n, h, w, c]));
  const base = tf.add(tf.mul(sum, alpha), k);
  return tf.mul(x, tf.exp(tf.mul(tf.log(base), -beta)));
}

// Multiply-adds of one training step per image: forward, dW of every layer, dx of every layer but the first.
const convMacs = (oh, ow, k, ci, co) => oh * ow * k * k * ci * co;

export const MODELS = {
  mlp: {
    input: [784],
    trainMacs: 3 * 784 * 256 + 3 * 256 * 10 - 784 * 256,
    build(seed = 1) {
      const p = {
        w1: glorot([784, 256], 784, 256, seed),
        b1: zeros(256),
        w2: glorot([256, 10], 256, 10, seed + 1),
        b2: zeros(10),
      };
      return { params: p, forward: (x) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, p.w1), p.b1)), p.w2), p.b2) };
    },
  },
  lenet: {
    input: [28, 28, 1],
    trainMacs: 2 * convMacs(24, 24, 5, 1, 32) + 3 * (convMacs(8, 8, 5, 32, 64) + 1024 * 128 + 128 * 10),
    build(seed = 1) {
      const p = {
        c1: glorot([5, 5, 1, 32], 25, 800, seed),
        cb1: zeros(32),
        c2: glorot([5, 5, 32, 64], 800, 1600, seed + 1),
        cb2: zeros(64),
        f1: glorot([1024, 128], 1024, 128, seed + 2),
        fb1: zeros(128),
        f2: glorot([128, 10], 128, 10, seed + 3),
        fb2: zeros(10),
      };
      return {
        params: p,
        forward: (x) => {
          let h = tf.maxPool(conv(x, p.c1, p.cb1, 'relu'), 2, 2, 'valid');
          h = tf.maxPool(conv(h, p.c2, p.cb2, 'relu'), 2, 2, 'valid');
          h = tf.relu(tf.add(tf.matMul(tf.reshape(h, [-1, 1024]), p.f1), p.fb1));
          return tf.add(tf.matMul(h, p.f2), p.fb2);
        },
      };
    },
  },
  seedConvNet: {
    input: [28, 28, 1],
    trainMacs: 2 * convMacs(24, 24, 5, 1, 64) + 3 * (convMacs(8, 8, 5, 64, 64) + 1024 * 128 + 128 * 10),
    build(seed = 1) {
      const p = {
        c1: glorot([5, 5, 1, 64], 25, 1600, seed),
        cb1: zeros(64),
        c2: glorot([5, 5, 64, 64], 1600, 1600, seed + 1),
        cb2: zeros(64),
        f1: glorot([1024, 128], 1024, 128, seed + 2),
        fb1: zeros(128),
        f2: glorot([128, 10], 128, 10, seed + 3),
        fb2: zeros(10),
      };
      return {
        params: p,
        forward: (x) => {
          let h = tf.maxPool(conv(x, p.c1, p.cb1, 'tanh'), 2, 2, 'valid');
          h = tf.maxPool(conv(h, p.c2, p.cb2, 'tanh'), 2, 2, 'valid');
          h = tf.tanh(tf.add(tf.matMul(tf.reshape(h, [-1, 1024]), p.f1), p.fb1));
          return tf.add(tf.matMul(h, p.f2), p.fb2);
        },
      };
    },
  },
  // The TensorFlow CIFAR-10 tutorial net, as `cifarNetTf` in @dlkit/models builds it (same layers, same order).
  cifarNetTf: {
    input: [32, 32, 3],
    trainMacs: 2 * convMacs(32, 32, 5, 3, 64) + 3 * (convMacs(16, 16, 5, 64, 64) + 4096 * 384 + 384 * 192 + 192 * 10),
    build(seed = 1) {
      const p = {
        c1: glorot([5, 5, 3, 64], 75, 1600, seed),
        cb1: zeros(64),
        c2: glorot([5, 5, 64, 64], 1600, 1600, seed + 1),
        cb2: zeros(64),
        f1: glorot([4096, 384], 4096, 384, seed + 2),
        fb1: zeros(384),
        f2: glorot([384, 192], 384, 192, seed + 3),
        fb2: zeros(192),
        f3: glorot([192, 10], 192, 10, seed + 4),
        fb3: zeros(10),
      };
      return {
        params: p,
        forward: (x) => {
          let h = lrn(tf.maxPool(conv(x, p.c1, p.cb1, 'relu', 'same'), 3, 2, 'same'));
          h = tf.maxPool(lrn(conv(h, p.c2, p.cb2, 'relu', 'same')), 3, 2, 'same');
          h = tf.relu(tf.add(tf.matMul(tf.reshape(h, [-1, 4096]), p.f1), p.fb1));
          h = tf.relu(tf.add(tf.matMul(h, p.f2), p.fb2));
          return tf.add(tf.matMul(h, p.f3), p.fb3);
        },
      };
    },
  },
};

/** Images per second of SGD training steps at steady state (after warm-up). */
// Warm-up runs `warmup` steps and at least `warmupSeconds`: V8 tiers JS and wasm up (Liftoff → TurboFan) while
// the first steps run, and with 3 warm-up steps and a 400-step cap the MLP's measurement (0.5 s) ended before
// its steady state (42k img/s measured that way, 52–55k after 2 s). PyTorch's script warms up the same way.
export async function trainThroughput(
  name,
  { batch = 64, warmup = 3, seconds = 4, warmupSeconds = Math.min(1, seconds), maxSteps = 100_000 } = {},
) {
  const spec = MODELS[name];
  const model = spec.build();
  const opt = tf.train.sgd(0.01);
  const x = tf.randomNormal([batch, ...spec.input], 0, 1, 'float32', 7);
  const labels = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 8), 10);
  const step = () => {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(labels, model.forward(x)), true, Object.values(model.params));
    loss.dataSync();
    loss.dispose();
  };
  const w0 = performance.now();
  for (let i = 0; i < warmup || performance.now() - w0 < warmupSeconds * 1000; i++) step();
  const before = tf.memory().numTensors;
  let steps = 0;
  // CPU time of the whole process (every thread): on a shared machine, images per CPU-second is the figure
  // that other load distorts least.
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000 && steps < maxSteps) {
    step();
    steps++;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const leaked = tf.memory().numTensors - before;
  x.dispose();
  labels.dispose();
  opt.dispose();
  for (const v of Object.values(model.params)) v.dispose();
  return {
    model: name,
    batch,
    steps,
    imagesPerSecond: (steps * batch * 1000) / ms,
    gmacPerSecond: (steps * batch * spec.trainMacs) / ms / 1e6,
    imagesPerCpuSecond: (steps * batch * 1000) / cpuMs,
    msPerStep: ms / steps,
    leakedTensors: leaked,
  };
}
