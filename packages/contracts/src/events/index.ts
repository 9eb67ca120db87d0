export * from './define-event.js';
export * from './catalog.js';
