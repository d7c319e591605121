export { DlkitError, composeMessage, describe } from './errors';
export type { DlkitErrorDetails } from './errors';
export { findInvalidLabel, validators } from './validators';
export type { ErrorFactory } from './validators';
