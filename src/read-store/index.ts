export * from '../ports/read-store';
export { SqliteReadStore } from './sqlite-read-store';
export { InvalidQueryError } from '../ports/invalid-query-error';
