export { DlkitError, composeMessage, describe } from './errors';
export type { DlkitErrorDetails } from './errors';
export { SeededRandom, createRng, deriveSeed, normalSample, permutation, shuffleInPlace } from './seeded-random';
export type { Rng, SeedMixing, SeededRandomOptions } from './seeded-random';
export { yieldToEventLoop } from './yield';
export { findInvalidLabel, validators } from './validators';
export type { ErrorFactory } from './validators';
