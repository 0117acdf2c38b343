import { issueListFilters } from '../../projections/issue-status/queries';
import { OPEN_ISSUE } from '../../projections/issue-status/projection';

const NOW = new Date('2026-12-03T00:00:00.000Z');
const opens = (query: Parameters<typeof issueListFilters>[0]) =>
  issueListFilters(query, NOW).filter((f) => f === OPEN_ISSUE).length;

/**
 * The board's filters that only open issues can match carry the open issues' filter, so the
 * store reads their partial index (test/read-store/sqlite-read-store.int.spec.ts checks the
 * plan) instead of every issue ever reported; the others must not be narrowed by it.
 */
describe('issueListFilters', () => {
  it('adds the open issues’ filter, once, to an open status, a standing warning and 未销号', () => {
    expect(opens({ status: 'in-progress' })).toBe(1);
    expect(opens({ status: 'open', district: 'siming' })).toBe(1);
    expect(opens({ status: 'awaiting-verification', closed: false })).toBe(1);
    expect(opens({ light: 'yellow' })).toBe(1);
    expect(opens({ closed: false })).toBe(1);
  });

  it('leaves alone what closed issues can match too', () => {
    expect(opens({})).toBe(0);
    expect(opens({ status: 'closed' })).toBe(0);
    // Closed issues are green.
    expect(opens({ light: 'green' })).toBe(0);
    expect(opens({ category: 'key-project', severity: 'high' })).toBe(0);
    expect(opens({ escalationLevel: 1 })).toBe(0);
    expect(issueListFilters({ closed: true }, NOW)).toEqual([{ field: 'status', op: '=', value: 'closed' }]);
  });
});
