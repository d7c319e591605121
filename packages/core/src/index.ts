export { DlkitError, composeMessage, describe } from './errors';
export type { DlkitErrorDetails } from './errors';
export type { FeatureMatrix } from './feature-matrix';
export type { ImageDataset, LabeledData } from './labeled-data';
export { SeededRandom, createRng, deriveSeed, normalSample, permutation, shuffleInPlace } from './seeded-random';
export type { Rng, SeedMixing, SeededRandomOptions } from './seeded-random';
export { yieldToEventLoop } from './yield';
export { findInvalidLabel, validators } from './validators';
export type { ErrorFactory } from './validators';
