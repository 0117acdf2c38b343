import { indexFields, type CollectionSpec, type FieldPath } from '../ports/read-store';
import { fieldExpr, ident } from './postgres-read-store-sql';

/** The prefix of a collection's own statistics objects' names. */
export const statisticsPrefix = (collection: string): string => `st_${collection}_`;

/**
 * The fields a collection's partial indexes keep rows by (the open issues' `status`), each to
 * get statistics of its own. PostgreSQL keeps none for an expression that no index has as a
 * column, so it guessed that `status IS DISTINCT FROM 'closed'` keeps nearly every row, and
 * counted the whole city's open issues by a sequential scan of every issue ever reported
 * (62.8 ms over 187,190 issues, 467 of them open) instead of from the partial index (1.0 ms).
 */
export function statisticsFields(spec: CollectionSpec): FieldPath[] {
  const fields = (spec.indexes ?? []).flatMap((index) =>
    indexFields(index).where.map((filter) => filter.field),
  );
  return [...new Set(fields)];
}

/** A statistics object's name (unquoted). */
export const statisticsName = (collection: string, field: FieldPath): string =>
  `${statisticsPrefix(collection)}${field.replace(/\./g, '_')}`;

/**
 * The DDL that brings a collection's expression statistics to what it declares, given the
 * ones it has: new ones created (and the table analysed, so they count from this start, not
 * from autovacuum's next pass), undeclared ones dropped when the spec lists its indexes.
 */
export function statisticsStatements(
  schema: string,
  table: string,
  spec: CollectionSpec,
  existing: readonly string[],
): string[] {
  if (spec.indexes === undefined) return [];
  const declared = new Map(statisticsFields(spec).map((field) => [statisticsName(spec.name, field), field]));
  const missing = [...declared].filter(([name]) => !existing.includes(name));
  return [
    ...existing
      .filter((name) => !declared.has(name))
      .map((name) => `DROP STATISTICS IF EXISTS ${schema}.${ident(name)}`),
    ...missing.map(
      ([name, field]) =>
        `CREATE STATISTICS IF NOT EXISTS ${schema}.${ident(name)} ON (${fieldExpr(field)}) FROM ${table}`,
    ),
    ...(missing.length > 0 ? [`ANALYZE ${table}`] : []),
  ];
}
