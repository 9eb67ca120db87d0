export * from './animal-directory.js';
export * from './animal-ref.js';
