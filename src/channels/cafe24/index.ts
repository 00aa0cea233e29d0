/** The Cafe24 channel: pure request builders, answer parsers, limits and mapping (no I/O). */
export * from './calls';
export * from './connection';
export * from './errors';
export * from './mapping';
export * from './oauth';
export * from './order-status';
export * from './rate-limit';
export * from './requests';
export * from './retry';
export * from './schemas';
