// Options shared by every package's API docs. The root `pnpm run docs` passes this file to each package's
// `typedoc --out docs/api src/index.ts` through turbo (`turbo run docs -- --options ../../docs/typedoc.config.mjs`).
import { OptionDefaults } from 'typedoc';

/** @type {Partial<import('typedoc').TypeDocOptions>} */
const config = {
  // The repository has no public remote yet, so source links would point nowhere.
  disableSources: true,
  // `pnpm typecheck` already type-checks the sources; TypeDoc only needs to read them.
  skipErrorChecking: true,
  // tfjs-layers' convention on `static className` (keeps Closure from renaming it): a modifier, not a block tag.
  modifierTags: [...OptionDefaults.modifierTags, '@nocollapse'],
  excludePrivate: true,
  excludeInternal: true,
  hideGenerator: true,
};

export default config;
