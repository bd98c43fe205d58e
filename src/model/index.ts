export * from './event.js';
export * from './dataset.js';
export * from './revision.js';
export * from './reject.js';
export * from './country.js';
export * from './names.js';
export * from './asset.js';
export * from './desk.js';
