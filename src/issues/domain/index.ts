export * from './vocabulary';
export * from './issue-events';
export * from './issue-commands';
export * from './issue-state';
export * from './time-rules';
export * from './issue-decide';
export * from './issue-upcasters';
