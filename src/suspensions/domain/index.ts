export * from './suspension-commands';
export * from './suspension-decide';
export * from './suspension-events';
export * from './suspension-limits';
export * from './suspension-scope';
export * from './suspension-state';
export * from './suspension-stream';
