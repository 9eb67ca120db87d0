export * from './organization-names.js';
