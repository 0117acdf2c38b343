import { InvalidQueryError } from '../ports/invalid-query-error';
import { decodeCursor } from '../ports/page-cursor';
import type { FieldPath, Filter, FindQuery } from '../ports/read-store';
import { limitSql } from '../sqlite/limit-literal';

/**
 * SQL building for SqliteReadStore: documents are JSON text, fields are read with
 * json_extract (the same expression the indexes are built on).
 */
export type Row = { id: string; doc: string; [sortKey: string]: unknown };
export type SqlValue = string | number | null;

const NAME = /^[A-Za-z0-9_]+$/;
const FIELD = /^[A-Za-z0-9_.]+$/;

/** Collection names become table names and field paths become JSON paths: never user text. */
export function table(name: string): string {
  if (!NAME.test(name) || name === 'checkpoints') throw new Error(`invalid collection name ${name}`);
  return `"${name}"`;
}

/** The exact expression the indexes are built on, so the planner can use them. */
export function fieldExpr(field: FieldPath): string {
  if (!FIELD.test(field)) throw new InvalidQueryError(field, 'is not a queryable field');
  return `json_extract(doc, '$.${field}')`;
}

/** json_extract yields 1/0 for JSON true/false, so booleans are bound as 1/0. */
export const bind = (v: string | number | boolean | null): SqlValue =>
  typeof v === 'boolean' ? (v ? 1 : 0) : v;

export function whereSql(where: Filter[] | undefined, params: SqlValue[]): string[] {
  return (where ?? []).map((f) => {
    // A broad filter is never sought by: with no statistics, SQLite's planner takes any index
    // on a filter for a narrow one, and the unary `+` (no change to the value) keeps it from
    // the index. `dueKey >= now` (the green light, which every closed issue has) read 187,000
    // issues by due key and sorted them for a page of 20; `severity = high` among the open
    // issues read that severity's every issue rather than the open ones' index.
    const expr = 'broad' in f && f.broad ? `+${fieldExpr(f.field)}` : fieldExpr(f.field);
    switch (f.op) {
      case 'is-null':
        return `${expr} IS NULL`;
      case 'not-null':
        return `${expr} IS NOT NULL`;
      case 'in':
        if (f.value.length === 0) return '0';
        params.push(...f.value);
        return `${expr} IN (${f.value.map(() => '?').join(', ')})`;
      case '!=':
        // Like a document store's "not equal": a missing field is not equal either.
        params.push(bind(f.value));
        return `${expr} IS NOT ?`;
      default:
        params.push(bind(f.value));
        return `${expr} ${f.op} ?`;
    }
  });
}

/**
 * `whereSql` with its values written into the text, for a partial index's definition (DDL
 * takes no parameters). The values are the declaring code's, never a client's; the planner
 * still matches a query's bound `?` against them (SQLite plans again for the values bound).
 */
export function literalWhereSql(where: Filter[]): string {
  const params: SqlValue[] = [];
  const conditions = whereSql(where, params).join(' AND ');
  let next = 0;
  // whereSql writes no other '?': field paths are [A-Za-z0-9_.] only.
  return conditions.replace(/\?/g, () => sqlLiteral(params[next++]));
}

function sqlLiteral(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} into an index definition`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Keyset condition "sorts after the cursor row", lexicographic over the sort keys and id.
 * SQLite sorts NULL first ascending and last descending; the comparisons below follow that.
 */
export function afterCursorSql(
  keys: Array<{ expr: string; desc: boolean }>,
  values: SqlValue[],
  params: SqlValue[],
): string {
  const ors: string[] = [];
  keys.forEach((key, i) => {
    const ands: string[] = [];
    for (let j = 0; j < i; j++) {
      ands.push(`${keys[j].expr} IS ?`);
      params.push(values[j]);
    }
    const v = values[i];
    if (v === null) {
      if (key.desc) return; // nothing sorts after NULL descending
      ands.push(`${key.expr} IS NOT NULL`);
    } else if (key.desc) {
      ands.push(`(${key.expr} < ? OR ${key.expr} IS NULL)`);
      params.push(v);
    } else {
      ands.push(`${key.expr} > ?`);
      params.push(v);
    }
    ors.push(`(${ands.join(' AND ')})`);
  });
  return ors.length ? `(${ors.join(' OR ')})` : '0';
}

export interface SqlStatement {
  sql: string;
  params: SqlValue[];
}

/** A sort key of `find`: its expression (`id` for the tie-breaker) and direction. */
export type SortKey = { expr: string; desc: boolean };

/**
 * The statements of one `find` page, run in order until `limit + 1` rows are in hand (each
 * row with its sort keys as k0, k1…): after a cursor, each reads one range an index serves.
 *
 * The keyset condition is an OR over the sort keys, and SQLite answers an OR by reading the
 * rows of each branch and sorting them all: the second page of 187,000 issues by report time
 * took 1.4 s. So the first key is also bounded by the cursor's value, one range its index
 * serves (0.1 ms). With one sort key, the rows tied with the cursor's value come first from a
 * statement of their own, `k = v AND id > c`, which the index (every index ends in the id)
 * seeks to: bounded by `k >= v` alone, a page deep inside a large tie (the closed issues' one
 * "never due" key) read the tie from its start (17 ms there on 187,000 issues, 165 ms within a district, against
 * 1.6 and 1.1 ms); then the rows past the value. NULLs
 * sort first ascending and are behind the cursor anyway; descending they sort last, which the
 * ranges leave out, so they come from the last statement, after every non-NULL key.
 */
export function findStatements(
  collection: string,
  query: FindQuery,
  limit: number,
): { keys: SortKey[]; statements: SqlStatement[] } {
  const keys: SortKey[] = [
    ...query.orderBy.map((o) => ({ expr: fieldExpr(o.field), desc: o.direction === 'desc' })),
    { expr: 'id', desc: false },
  ];
  const select = (conditions: string[], order: SortKey[]) =>
    `SELECT id, doc${keys
      .slice(0, -1)
      .map((k, i) => `, ${k.expr} AS k${i}`)
      .join('')} FROM ${table(collection)}` +
    (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '') +
    ` ORDER BY ${order.map((k) => `${k.expr} ${k.desc ? 'DESC' : 'ASC'}`).join(', ')} ${limitSql(limit + 1)}`;
  const statement = (extra: string[], extraParams: SqlValue[], order = keys): SqlStatement => ({
    sql: select([...filtered, ...extra], order),
    params: [...filteredParams, ...extraParams],
  });

  const filteredParams: SqlValue[] = [];
  const filtered = whereSql(query.where, filteredParams);
  if (!query.cursor) return { keys, statements: [statement([], [])] };

  const values = decodeCursor(query.cursor, keys.length).map(bind);
  const [first] = keys;
  const nullFirstKeys = first.desc && keys.length > 1 && values[0] !== null;
  // Every row of it has the same (NULL) first key, so by id alone, as for a tie below.
  const nulls = nullFirstKeys ? [statement([`${first.expr} IS NULL`], [], keys.slice(1))] : [];
  if (keys.length === 2 && values[0] !== null) {
    const [value, id] = values;
    return {
      keys,
      statements: [
        // Every row of the tie has the same first key: ordered by id alone, which the index
        // holds in order after that key (ordered by both, SQLite sorted the tie descending).
        statement([`${first.expr} = ?`, 'id > ?'], [value, id], keys.slice(1)),
        statement([`${first.expr} ${first.desc ? '<' : '>'} ?`], [value]),
        ...nulls,
      ],
    };
  }
  const params: SqlValue[] = [];
  const after = [afterCursorSql(keys, values, params)];
  if (keys.length > 1 && values[0] !== null) {
    after.push(`${first.expr} ${first.desc ? '<=' : '>='} ?`);
    params.push(values[0]);
  }
  return { keys, statements: [statement(after, params), ...nulls] };
}
