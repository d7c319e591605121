import { dlkitBuild } from '../../build/tsdown.preset.ts';

// Bundle tfjs-core's gradient and chained-op registrations (see src/register-gradients.ts), which pull in
// parts of tfjs-core itself (they share its engine through the global `_tfengine`).
const registrations = /@tensorflow\/tfjs-core\/dist\/(register_all_gradients|public\/chained_ops)/;
const deps = { alwaysBundle: [registrations], onlyBundle: ['@tensorflow/tfjs-core'] };

export default dlkitBuild(
  // The Node entry and the browser entry (@dlkit/backend/browser, which imports no Node module statically).
  { entry: { index: 'src/index.ts', browser: 'src/browser.ts' }, deps },
  // The kernel worker (src/parallel/worker.ts): always loaded as ESM, from either build.
  { entry: { 'parallel-worker': 'src/parallel/worker.ts' }, format: ['esm'], dts: false },
);
