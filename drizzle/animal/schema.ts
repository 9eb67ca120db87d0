export { auditLog, idempotencyKeys, outbox } from '../shared/platform-tables.js';
export * from './animal-tables.js';
export * from './morph-tables.js';
export * from './breeding-tables.js';
export * from './inbreeding-tables.js';
export * from './ownership-tables.js';
export * from './media-tables.js';
export * from './project-access-tables.js';
