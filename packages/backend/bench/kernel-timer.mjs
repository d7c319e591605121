// Wraps every kernel registered for the wasm backend with a CPU-time counter (outermost calls only, so a
// kernel built from others is charged once). Shared by profile.mjs and the root bench/profile-model.mjs.
// `wall: true` (CLOCK=wall in profile.mjs) charges wall time instead: with kernel workers, the kernels whose
// wall time is close to their 1-thread CPU time are the ones that do not run in parallel.
export function timeKernels(tf, { shapes = false, wall = false } = {}) {
  const processCpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const cpuMs = wall ? () => performance.now() : processCpuMs;
  const totals = new Map();
  let depth = 0;
  for (const k of tf.getKernelsForBackend('wasm')) {
    const f = k.kernelFunc;
    tf.unregisterKernel(k.kernelName, 'wasm');
    tf.registerKernel({
      ...k,
      setupFunc: undefined,
      kernelFunc: (a) => {
        if (depth > 0) return f(a);
        depth++;
        const t0 = cpuMs();
        let r;
        try {
          r = f(a);
        } finally {
          depth--;
        }
        let key = k.kernelName;
        if (k.kernelName === 'BatchMatMul') key += `(tA=${a.attrs.transposeA},tB=${a.attrs.transposeB})`;
        if (shapes)
          key +=
            ' ' +
            Object.values(a.inputs)
              .filter(Boolean)
              .map((t) => t.shape.join('x'))
              .join(',');
        const e = totals.get(key) ?? { ms: 0, n: 0 };
        e.ms += cpuMs() - t0;
        e.n++;
        totals.set(key, e);
        return r;
      },
    });
  }
  return {
    cpuMs: processCpuMs,
    reset: () => totals.clear(),
    /** Prints the summary line's figures and the top kernels per step. */
    report(label, steps, cpuTotal, wallTotal, top = 14) {
      const inKernels = [...totals.values()].reduce((s, v) => s + v.ms, 0);
      const calls = [...totals.values()].reduce((s, v) => s + v.n, 0);
      console.log(
        `${label}: ${(cpuTotal / steps).toFixed(2)} ms CPU/step (wall ${(wallTotal / steps).toFixed(2)}), in kernels ${(inKernels / steps).toFixed(2)} (${wall ? 'wall' : 'CPU'}), kernel calls ${calls / steps}`,
      );
      for (const [k, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, top))
        console.log(k.padEnd(60), (v.ms / steps).toFixed(2), 'ms', v.n / steps);
    },
  };
}
