export * from './animal-directory.js';
export * from './animal-ref.js';
export * from './gene-names.js';
export * from './listing-facts.js';
export * from './evaluation-pedigree.js';
export * from './own-animals.js';
