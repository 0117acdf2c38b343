import { InvalidQueryError } from './invalid-query-error';

/**
 * Keyset pagination shared by the read-store adapters: a cursor is the last row's sort-key
 * values (the document id last), opaque to clients as base64url JSON.
 */
export type KeyValue = string | number | boolean | null;

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 500;

/** The page size a query asked for, within 1..500. */
export const pageLimit = (limit: number | undefined): number =>
  Math.min(Math.max(Math.floor(limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);

export const encodeCursor = (values: KeyValue[]): string =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

export function decodeCursor(cursor: string, length: number): KeyValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const scalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
    if (
      Array.isArray(values) &&
      values.length === length &&
      values.every(scalar) &&
      typeof values[length - 1] === 'string'
    ) {
      return values as KeyValue[];
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidQueryError('cursor', 'is not a cursor this list gave out; start again without it');
}
