import { InvalidQueryError } from '../ports/invalid-query-error';
import type { FieldPath, Filter } from '../ports/read-store';

/**
 * SQL building for PostgresReadStore. Field values are compared as `jsonb`, never as the text
 * `doc->>'x'`: jsonb compares numbers numerically and strings by the database collation (C
 * here, so byte order, like SQLite's), which keeps `escalationLevel` ordering and ISO-time
 * ranges right and matches the SQLite adapter for strings and numbers.
 */

import type { KeyValue } from '../ports/page-cursor';

const NAME = /^[A-Za-z0-9_]+$/;
const FIELD = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

/** Quotes a schema or collection name; names are code, never user text, but are checked anyway. */
export function ident(name: string): string {
  if (!NAME.test(name)) throw new Error(`invalid SQL name ${name}`);
  return `"${name}"`;
}

/**
 * The exact expression the indexes are built on, so the planner can use them. JSON null
 * becomes SQL NULL, as SQLite's json_extract does, so "missing" and "null" are one thing.
 */
export function fieldExpr(field: FieldPath): string {
  if (!FIELD.test(field)) throw new InvalidQueryError(field, 'is not a queryable field');
  const path = field.includes('.') ? `doc #> '{${field.split('.').join(',')}}'` : `doc -> '${field}'`;
  return `NULLIF(${path}, 'null'::jsonb)`;
}

/** Binds a value as jsonb text; SQL NULL stays NULL (so `IS NOT DISTINCT FROM` means IS NULL). */
const jsonb = (params: unknown[], value: KeyValue): string =>
  `$${params.push(value === null ? null : JSON.stringify(value))}::jsonb`;

export function whereSql(where: Filter[] | undefined, params: unknown[]): string[] {
  return (where ?? []).map((f) => {
    const expr = fieldExpr(f.field);
    switch (f.op) {
      case 'is-null':
        return `${expr} IS NULL`;
      case 'not-null':
        return `${expr} IS NOT NULL`;
      case 'in':
        if (f.value.length === 0) return 'false';
        return `${expr} IN (${f.value.map((v) => jsonb(params, v)).join(', ')})`;
      case '!=':
        // Like a document store's "not equal": a missing field is not equal either.
        return `${expr} IS DISTINCT FROM ${jsonb(params, f.value)}`;
      default:
        return `${expr} ${f.op} ${jsonb(params, f.value)}`;
    }
  });
}

export interface SortKey {
  expr: string;
  desc: boolean;
  /** The document id is text; every other key is jsonb. */
  text: boolean;
}

/** Nulls sort as SQLite sorts them: first ascending, last descending. */
export const orderSql = (keys: SortKey[]): string =>
  keys.map((k) => `${k.expr} ${k.desc ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`).join(', ');

/** Keyset condition "sorts after the cursor row", lexicographic over the sort keys and id. */
/**
 * `whereSql` with its values written into the text, for a partial index's definition (DDL
 * takes no parameters). The values are the declaring code's, never a client's; a query's
 * bound values are planned with (node-postgres sends unnamed statements), so the planner
 * proves its filters imply the index's.
 */
export function literalWhereSql(where: Filter[]): string {
  const params: unknown[] = [];
  const conditions = whereSql(where, params).join(' AND ');
  return conditions.replace(/\$(\d+)/g, (_, n: string) => {
    // whereSql binds each value as JSON text (or SQL NULL).
    const value = params[Number(n) - 1] as string | null;
    return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
  });
}

export function afterCursorSql(keys: SortKey[], values: KeyValue[], params: unknown[]): string {
  const bind = (key: SortKey, v: KeyValue) => (key.text ? `$${params.push(v)}::text` : jsonb(params, v));
  const ors: string[] = [];
  keys.forEach((key, i) => {
    const ands = keys
      .slice(0, i)
      .map((prev, j) => `${prev.expr} IS NOT DISTINCT FROM ${bind(prev, values[j])}`);
    const v = values[i];
    if (v === null) {
      if (key.desc) return; // nothing sorts after NULL descending
      ands.push(`${key.expr} IS NOT NULL`);
    } else if (key.desc) {
      ands.push(`(${key.expr} < ${bind(key, v)} OR ${key.expr} IS NULL)`);
    } else {
      ands.push(`${key.expr} > ${bind(key, v)}`);
    }
    ors.push(`(${ands.join(' AND ')})`);
  });
  return ors.length ? `(${ors.join(' OR ')})` : 'false';
}
