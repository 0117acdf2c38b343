export * from './read-store';
export { SqliteReadStore } from './sqlite-read-store';
