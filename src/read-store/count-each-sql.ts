import type { Filter } from '../ports/read-store';

/**
 * The one statement of `ReadStore.countEach`, for either SQL store: `COUNT(*) FILTER (WHERE …)`
 * per counter (an empty list counts every match) over the rows matching `where`, the columns
 * named n0, n1… Each store writes its conditions with its own `whereSql`; the counters come
 * first in the text, so their parameters are bound first.
 */
export function countEachSql<P>(
  table: string,
  where: Filter[],
  each: Filter[][],
  whereSql: (filters: Filter[], params: P[]) => string[],
): { sql: string; params: P[] } {
  const params: P[] = [];
  const counters = each.map((filters, i) => {
    const conditions = whereSql(filters, params);
    return `COUNT(*)${conditions.length ? ` FILTER (WHERE ${conditions.join(' AND ')})` : ''} AS n${i}`;
  });
  const conditions = whereSql(where, params);
  const sql =
    `SELECT ${counters.join(', ')} FROM ${table}` +
    (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '');
  return { sql, params };
}
