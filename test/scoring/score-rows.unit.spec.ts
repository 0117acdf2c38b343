import * as path from 'node:path';
import { figuresOf, type GroupPerformanceFigures } from '../../projections/group-performance/queries';
import { emptyBucket } from '../../projections/group-performance/evolve-group-performance';
import { onSiteWeeks } from '../../projections/group-performance/on-site-weeks';
import type { GroupPerfDoc } from '../../projections/group-performance/group-performance-docs';
import { loadScoringFormula } from '../../src/scoring/load-scoring-formula';
import { adjustRows, scoreRows } from '../../src/scoring/score-rows';
import type { District } from '../../src/issues/domain/vocabulary';

const FORMULA = loadScoringFormula(path.join(__dirname, '../../config/scoring.yaml'));
const Q2_END = new Date('2023-07-03T02:00:00.000Z');

/** A Q2 2023 row from bucket figures, as the query builds it. */
const row = (
  district: District,
  over: Partial<GroupPerfDoc> = {},
  openOverdue = 0,
): GroupPerformanceFigures =>
  figuresOf(
    district,
    '2023-Q2',
    { ...emptyBucket(`${district}:2023-Q2`, district, '2023-Q2'), ...over },
    openOverdue,
    Q2_END,
  );

describe('on-site weeks', () => {
  it('counts Monday-to-Sunday weeks, partial ones pro rata, and the weeks that reached their target', () => {
    // March 2023: Wed 1 to Fri 31, five weeks touched: 5 + 7 + 7 + 7 + 5 days.
    const march = onSiteWeeks(
      '2023-03',
      { '2023-02-27': 1.5, '2023-03-06': 2.5, '2023-03-13': 2, '2023-03-27': 2 },
      '2023-12-31',
    );
    // On target: the week of 6 March (2.5 of 2.5) and the partial last week (2 of 1.79).
    expect(march).toEqual({ days: 31, onSiteTarget: 11.07, weeks: 5, weeksOnTarget: 2 });
    // A partial first week needs 2.5 × 5/7 = 1.79 days: 1.5 is short, a half day more would do.
    expect(onSiteWeeks('2023-03', { '2023-02-27': 2 }, '2023-12-31').weeksOnTarget).toBe(1);
  });

  it('counts a period in progress up to today, and nothing before it starts', () => {
    expect(onSiteWeeks('2023-Q2', {}, '2023-04-05')).toEqual({
      days: 5,
      onSiteTarget: 1.79,
      weeks: 2,
      weeksOnTarget: 0,
    });
    expect(onSiteWeeks('2023-Q3', {}, '2023-04-05')).toEqual({
      days: 0,
      onSiteTarget: 0,
      weeks: 0,
      weeksOnTarget: 0,
    });
    expect(onSiteWeeks('2023-Q2', {}, '2024-01-01')).toMatchObject({
      days: 91,
      onSiteTarget: 32.5,
      weeks: 14,
    });
  });
});

describe('scoring rows by the published formula', () => {
  it('shows the points of every measure and their sum, so a group can check them by hand', () => {
    const [scored] = scoreRows(
      [
        row(
          'siming',
          {
            closed: 10,
            closedOnTime: 9,
            escalations: { '1': 2, '2': 1, '3': 0 },
            onSiteDays: 30,
            activities: { seminar: 3, training: 1 },
            practicesAdopted: 1,
          },
          1,
        ),
      ],
      FORMULA,
    );
    expect(scored.scoreParts).toEqual({
      onTime: 27, // 30 × 0.9
      overdue: 16, // 20 × (1 − 1/5)
      escalations: 10, // 15 × (1 − (2 × 1 + 1 × 2)/12)
      onSite: 18.46, // 20 × 30 / 32.5
      knowledge: 7.69, // 15 × (3 + 1 + 1 practice) / (0.75 × 13 weeks)
    });
    expect(scored.score).toBe(79.15);
    expect(scored.onSiteShare).toBe(0.923);
  });

  it('caps every measure at its weight and at zero', () => {
    const [scored] = scoreRows(
      [
        row(
          'huli',
          { closed: 0, escalations: { '1': 0, '2': 0, '3': 9 }, onSiteDays: 50, activities: { seminar: 40 } },
          12,
        ),
      ],
      FORMULA,
    );
    expect(scored.scoreParts).toEqual({ onTime: 0, overdue: 0, escalations: 0, onSite: 20, knowledge: 15 });
  });

  it('ranks by score, breaks ties by the file’s rules, and lets groups equal in everything share a rank', () => {
    const same = { closed: 4, closedOnTime: 4, onSiteDays: 32.5 };
    const rows = scoreRows(
      [
        row('siming', same),
        row('huli', same),
        row('jimei', { ...same, closedOnTime: 3 }, 0),
        row('haicang', { ...same, onSiteDays: 40 }),
        row('tongan', { ...same, closedOnTime: 2, onSiteDays: 40 }),
        row('xiangan', { closed: 0 }),
      ],
      FORMULA,
    );
    expect(rows.map((r) => [r.district, r.score, r.rank])).toEqual([
      // haicang's extra days earn no more points (capped) but break the tie with siming and huli.
      ['haicang', 85, 1],
      ['huli', 85, 2],
      ['siming', 85, 2],
      ['jimei', 77.5, 4],
      ['tongan', 70, 5],
      ['xiangan', 35, 6],
    ]);
  });

  it('re-scores and re-ranks frozen rows with an appeal’s adjustments, within each measure’s weight', () => {
    const rows = scoreRows(
      [row('siming', { closed: 2, closedOnTime: 2 }), row('xiangan', { closed: 2, closedOnTime: 1 }, 2)],
      FORMULA,
    );
    expect(rows.map((r) => r.district)).toEqual(['siming', 'xiangan']);
    const adjusted = adjustRows(
      rows,
      [
        { district: 'xiangan', measure: 'overdue', delta: 30 },
        { district: 'xiangan', measure: 'onTime', delta: 15 },
      ],
      FORMULA,
    );
    const xiangan = adjusted.find((r) => r.district === 'xiangan')!;
    expect(xiangan.scoreParts).toMatchObject({ onTime: 30, overdue: 20 });
    expect(adjusted.map((r) => [r.district, r.rank])).toEqual([
      ['siming', 1],
      ['xiangan', 2],
    ]);
    expect(xiangan.score).toBe(rows.find((r) => r.district === 'siming')!.score);
  });
});
