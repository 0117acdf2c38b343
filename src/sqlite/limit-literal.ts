import type Database from 'better-sqlite3';

/**
 * A LIMIT written into the SQL text instead of bound as a parameter. The SQLite better-sqlite3
 * builds (3.53) reads a bound LIMIT's value when it plans a statement, so binding that
 * parameter expires the plan, and the next run prepares the whole statement again. That cost
 * ~15 µs on every read of a stream, even an empty one (6 µs without it), three times per
 * command. An integer only, so the text stays safe to build.
 */
export function limitSql(limit: number): string {
  if (!Number.isSafeInteger(limit)) throw new RangeError(`LIMIT must be an integer, not ${limit}`);
  return `LIMIT ${limit}`;
}

/** Distinct limits kept prepared; beyond it the cache starts over (a client's page sizes vary). */
const KEPT = 64;

/**
 * One prepared statement per LIMIT, for a query run with a few different limits (a page size,
 * "all", one): `sql` gets the LIMIT clause appended. `raw`: rows come as arrays of the columns.
 */
export class StatementsByLimit<P extends unknown[], R> {
  private readonly byLimit = new Map<number, Database.Statement<P, R>>();

  constructor(
    private readonly db: Database.Database,
    private readonly sql: string,
    private readonly options: { raw?: boolean } = {},
  ) {}

  for(limit: number): Database.Statement<P, R> {
    let statement = this.byLimit.get(limit);
    if (!statement) {
      statement = this.db.prepare<P, R>(`${this.sql} ${limitSql(limit)}`);
      if (this.options.raw) statement.raw(true);
      if (this.byLimit.size >= KEPT) this.byLimit.clear();
      this.byLimit.set(limit, statement);
    }
    return statement;
  }
}
