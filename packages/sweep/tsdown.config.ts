import { dlkitBuild } from '../../build/tsdown.preset.ts';

export default dlkitBuild(
  { entry: { index: 'src/index.ts' } },
  // Programs, not library entries: the worker's command line and the process one trial runs in. ESM only;
  // the library finds trial-process.js next to its own files.
  { entry: { 'worker-cli': 'src/worker-cli.ts', 'trial-process': 'src/trial-process.ts' }, format: ['esm'], dts: false },
);
