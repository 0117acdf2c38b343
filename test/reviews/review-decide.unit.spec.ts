import * as path from 'node:path';
import { figuresOf } from '../../projections/group-performance/queries';
import type { GroupPerfDoc } from '../../projections/group-performance/group-performance-docs';
import type { PerformanceRow } from '../../src/groups/performance/performance-answer';
import { DISTRICTS } from '../../src/issues/domain/vocabulary';
import type { ReviewCommand } from '../../src/reviews/domain/review-commands';
import { decideReview } from '../../src/reviews/domain/review-decide';
import type { ReviewEvent } from '../../src/reviews/domain/review-events';
import { evolveReview, initialReviewState } from '../../src/reviews/domain/review-state';
import { loadScoringFormula } from '../../src/scoring/load-scoring-formula';
import { scoreRows } from '../../src/scoring/score-rows';
import {
  InvalidCommandError,
  NotFoundError,
  StateConflictError,
} from '../../src/shared-kernel/domain-errors';
import { deciderSpec } from '../support/decider-spec';

const NOW = new Date('2023-07-03T02:00:00.000Z');
const AT = NOW.toISOString();
const meta = { now: NOW, occurredAt: NOW };
const FORMULA = loadScoringFormula(path.join(__dirname, '../../config/scoring.yaml'));
const ROWS: PerformanceRow[] = scoreRows(
  DISTRICTS.map((d, i) =>
    figuresOf(d, '2023-Q2', { closed: 10, closedOnTime: 10 - i } as GroupPerfDoc, i === 5 ? 2 : 0, NOW),
  ),
  FORMULA,
).map((r) => ({ ...r, group: `group ${r.district}` }));

const { given } = deciderSpec({
  decide: (command: ReviewCommand, state) =>
    decideReview(command, state, {
      reviewId: 'q2',
      issueDistrict: (id) => (id === 'late-road' ? 'xiangan' : id === 'hecuo' ? 'siming' : null),
    }),
  evolve: evolveReview,
  initialState: initialReviewState,
});

const snapshot = { rows: ROWS, formula: FORMULA, position: 812, asOf: AT };
const drafted: ReviewEvent = {
  type: 'ReviewDrafted',
  data: {
    reviewId: 'q2',
    period: '2023-Q2',
    title: '2023年第2季度市区联动季度工作讲评',
    rows: ROWS,
    formula: FORMULA,
    position: 812,
    asOf: AT,
    draftedBy: '督查室',
    occurredAt: AT,
  },
};
const filed: ReviewEvent = {
  type: 'AppealFiled',
  data: {
    reviewId: 'q2',
    appealId: 'a1',
    district: 'xiangan',
    reason: '逾期系台风停工所致，延期已获批准',
    items: [{ issueId: 'late-road', claim: '延期审批在台风后补录' }],
    filedBy: '驻翔安区工作组',
    occurredAt: AT,
  },
};
const draft = (data: Record<string, unknown> = {}): ReviewCommand => ({
  type: 'DraftReview',
  data: { reviewId: 'q2', period: '2023-Q2', snapshot, by: '督查室', ...data },
  metadata: meta,
});
const fileAppeal = (data: Record<string, unknown> = {}): ReviewCommand =>
  ({
    type: 'FileAppeal',
    data: {
      appealId: 'a1',
      district: 'xiangan',
      reason: filed.data.reason,
      items: (filed.data as { items: unknown }).items,
      by: '驻翔安区工作组',
      ...data,
    },
    metadata: meta,
  }) as ReviewCommand;
const decide = (data: Record<string, unknown> = {}): ReviewCommand => ({
  type: 'DecideAppeal',
  data: {
    appealId: 'a1',
    upheld: true,
    comment: '情况属实',
    adjustments: [{ district: 'xiangan', measure: 'overdue', delta: 8 }],
    by: '分管局领导',
    ...data,
  },
  metadata: meta,
});
const publish: ReviewCommand = {
  type: 'PublishReview',
  data: { comment: '季度讲评会通报', by: '局长' },
  metadata: meta,
};

describe('reviews: drafting', () => {
  it('freezes the rows, the formula and the log position, with a title for the period', () => {
    given([]).when(draft()).then([drafted]);
  });

  it('covers a month, a quarter or a year that has begun, and exists once', () => {
    given([])
      .when(draft({ period: '2023-05-04' }))
      .thenThrows(InvalidCommandError, 'period:');
    given([])
      .when(draft({ period: '2023-Q4' }))
      .thenThrows(InvalidCommandError, 'has not started');
    given([drafted]).when(draft()).thenThrows(StateConflictError, 'already exists');
  });
});

describe('reviews: appeals', () => {
  it("files an appeal about the district's own issues while the review is a draft", () => {
    given([drafted]).when(fileAppeal()).then([filed]);
    given([drafted])
      .when(fileAppeal({ items: [{ issueId: 'hecuo', claim: 'x' }] }))
      .thenThrows(InvalidCommandError, 'items[0].issueId');
    given([]).when(fileAppeal()).thenThrows(NotFoundError, 'review q2 does not exist');
  });

  it('re-scores and re-ranks the frozen rows by an upheld appeal', () => {
    const before = ROWS.find((r) => r.district === 'xiangan')!;
    expect(before.scoreParts.overdue).toBe(12);
    const [event] = decideReview(decide(), [drafted, filed].reduce(evolveReview, initialReviewState()), {
      reviewId: 'q2',
    });
    expect(event.type).toBe('AppealDecided');
    const after = (event.data as { rows: PerformanceRow[] }).rows.find((r) => r.district === 'xiangan')!;
    expect(after.scoreParts.overdue).toBe(20);
    expect(after.score).toBe(before.score + 8);
  });

  it('refuses adjustments to a measure the formula lacks, beyond its weight, or with a rejected appeal', () => {
    const past = [drafted, filed];
    given(past)
      .when(decide({ adjustments: [{ district: 'xiangan', measure: 'luck', delta: 1 }] }))
      .thenThrows(InvalidCommandError, 'adjustments[0].measure');
    given(past)
      .when(decide({ adjustments: [{ district: 'xiangan', measure: 'overdue', delta: 21 }] }))
      .thenThrows(InvalidCommandError, 'at most 20');
    given(past)
      .when(decide({ upheld: false }))
      .thenThrows(InvalidCommandError, 'only an upheld appeal');
    given(past)
      .when(decide({ appealId: 'a9' }))
      .thenThrows(NotFoundError, 'a9');
  });

  it('decides an appeal once', () => {
    const decided = decideReview(
      decide({ upheld: false, adjustments: [] }),
      [drafted, filed].reduce(evolveReview, initialReviewState()),
      { reviewId: 'q2' },
    );
    given([drafted, filed, ...decided])
      .when(decide())
      .thenThrows(StateConflictError, 'already decided');
  });
});

describe('reviews: publication', () => {
  it('waits until every appeal is decided', () => {
    given([drafted, filed]).when(publish).thenThrows(StateConflictError, 'a1 (xiangan)');
  });

  it('publishes the ranking as it stands, and after that nothing changes it', () => {
    const state = [drafted, filed].reduce(evolveReview, initialReviewState());
    const decided = decideReview(decide(), state, { reviewId: 'q2' });
    const rows = (decided[0].data as { rows: PerformanceRow[] }).rows;
    given([drafted, filed, ...decided])
      .when(publish)
      .then([
        {
          type: 'ReviewPublished',
          data: { reviewId: 'q2', comment: '季度讲评会通报', rows, publishedBy: '局长', occurredAt: AT },
        },
      ]);
    const published = [
      drafted,
      filed,
      ...decided,
      {
        type: 'ReviewPublished',
        data: { reviewId: 'q2', comment: null, rows, publishedBy: '局长', occurredAt: AT },
      } as ReviewEvent,
    ];
    given(published).when(publish).thenThrows(StateConflictError, 'a published review never changes');
    given(published)
      .when(fileAppeal({ appealId: 'a2' }))
      .thenThrows(StateConflictError, 'never changes');
  });
});
