import Database from 'better-sqlite3';
import { limitSql, StatementsByLimit } from '../../src/sqlite/limit-literal';

describe('a LIMIT written into the SQL text', () => {
  it('is built from integers only, so no text reaches the SQL', () => {
    expect(limitSql(25)).toBe('LIMIT 25');
    expect(limitSql(-1)).toBe('LIMIT -1');
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])
      expect(() => limitSql(bad)).toThrow(RangeError);
  });

  it('gives each limit its own statement, and each returns at most that many rows', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (n INTEGER)');
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    for (let n = 1; n <= 10; n++) insert.run(n);
    const byLimit = new StatementsByLimit<[number], { n: number }>(
      db,
      'SELECT n FROM t WHERE n > ? ORDER BY n',
    );
    expect(
      byLimit
        .for(3)
        .all(0)
        .map((r) => r.n),
    ).toEqual([1, 2, 3]);
    expect(
      byLimit
        .for(-1)
        .all(7)
        .map((r) => r.n),
    ).toEqual([8, 9, 10]);
    expect(byLimit.for(3)).toBe(byLimit.for(3));
    db.close();
  });
});
