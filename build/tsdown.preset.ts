// The one build preset of every @dlkit package: each package's tsdown.config.ts calls `dlkitBuild` with
// only what differs (extra entries, bundled subpaths), so the published layout is the same everywhere.
import type { UserConfig } from 'tsdown';

/**
 * What every package publishes: ESM `dist/<entry>.js` and CJS `dist/<entry>.cjs`, each with its own
 * declarations (`.d.ts` / `.d.cts`) and a source map, ES2022 syntax, dependencies and peers left external.
 */
export const DLKIT_BUILD: UserConfig = {
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'node',
  // The packages are `"type": "module"`: ESM keeps `.js` (the exports maps name dist/*.js), CJS gets `.cjs`.
  fixedExtension: false,
  // CJS is shipped on purpose for require() consumers (no reminder that require(esm) exists); the timing
  // table of slow builds is noise in turbo's log.
  checks: { legacyCjs: false, bundlerTimings: false },
  // Nothing from node_modules ends up in dist unless a package lists it here (backend: tfjs-core's
  // gradient registrations); bundling anything else by accident fails the build.
  deps: { onlyBundle: [] },
  // import.meta.url in the CJS output is shimmed by tsdown itself; the ESM output needs no
  // __dirname/__filename shims (no package uses them), so the browser entries stay free of node:url/node:path.
  shims: false,
};

/**
 * The build configuration(s) of one package: each argument is laid over {@link DLKIT_BUILD}. With no argument,
 * the package builds `src/index.ts`. Several arguments give several builds (different options per entry); the
 * output folder is emptied once, before the first.
 */
export function dlkitBuild(...overrides: UserConfig[]): UserConfig[] {
  const list = overrides.length === 0 ? [{}] : overrides;
  return list.map((override, i) => ({ ...DLKIT_BUILD, clean: i === 0, ...override }));
}
