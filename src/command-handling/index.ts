export * from './aggregate-cache';
export * from './aggregate-stream';
export * from './command-context';
export * from './command-errors';
export * from './decider';
export * from './deep-freeze';
export * from './handle-command';
export * from './idempotency';
