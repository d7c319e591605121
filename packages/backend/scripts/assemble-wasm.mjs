// Assembles src/wasm/simd/kernels.wat (relaxed SIMD, as written) and its plain-SIMD twin into
// src/wasm/simd/kernels-wasm.generated.ts, with the repository's shared build/assemble-wat.mjs. Run by
// `pnpm build` (and with --check by the tests, which fail if the generated file is stale). wabt is a
// devDependency: nothing at run time.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabt from 'wabt';
import { assembleWat, withoutRelaxedSimd } from '../../../build/assemble-wat.mjs';

const here = dirname(fileURLToPath(import.meta.url));

await assembleWat({
  wabt,
  source: join(here, '..', 'src', 'wasm', 'simd', 'kernels.wat'),
  target: join(here, '..', 'src', 'wasm', 'simd', 'kernels-wasm.generated.ts'),
  script: 'scripts/assemble-wasm.mjs',
  constants: [
    {
      name: 'KERNELS_RELAXED_SIMD',
      doc: 'kernels.wat as written (f32x4.relaxed_madd: one fused multiply-add on x86 with FMA3).',
    },
    {
      name: 'KERNELS_PLAIN_SIMD',
      doc: 'The same kernels with each relaxed_madd as f32x4.mul then f32x4.add (engines without relaxed SIMD).',
      rewrite: withoutRelaxedSimd,
    },
  ],
});

// Local response normalisation (LRN, LRNGrad): its own module, lrn.wat, with no relaxed instruction, so one
// build serves every engine with SIMD.
await assembleWat({
  wabt,
  source: join(here, '..', 'src', 'wasm', 'simd', 'lrn.wat'),
  target: join(here, '..', 'src', 'wasm', 'simd', 'lrn-wasm.generated.ts'),
  script: 'scripts/assemble-wasm.mjs',
  constants: [{ name: 'LRN_SIMD', doc: 'lrn.wat: LRN and LRNGrad in wasm SIMD (float64 pairs; no relaxed SIMD).' }],
});
