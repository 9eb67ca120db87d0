/**
 * What other modules may read of animals inside their own transaction, under the caller's RLS
 * (breeding checks a pair and a clutch's parents where it writes); the rest of animal-store stays this module's.
 */
export { findAnimalsByIds } from './animal-store.js';
