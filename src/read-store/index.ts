export * from './read-store';
export { SqliteReadStore } from './sqlite-read-store';
export { InvalidQueryError } from './invalid-query-error';
