// Assembles src/simd-kernels.wat into src/simd-kernels-wasm.generated.ts with the repository's shared
// build/assemble-wat.mjs. Run by `pnpm build` (and with --check by the tests, which fail if the generated
// file is stale). wabt is a devDependency: nothing at run time.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';
import { assembleWat } from '../../../build/assemble-wat.mjs';

const here = dirname(fileURLToPath(import.meta.url));

await assembleWat({
  wabt,
  source: join(here, '..', 'src', 'simd-kernels.wat'),
  target: join(here, '..', 'src', 'simd-kernels-wasm.generated.ts'),
  script: 'scripts/assemble-wasm.mjs',
  constants: [
    { name: 'SIMD_KERNELS_WASM', doc: 'simd-kernels.wat: the solvers’ dot and axpy loops in WebAssembly 128-bit SIMD (f64x2).' },
  ],
});
