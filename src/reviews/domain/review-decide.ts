import { parsePeriod, type Period } from '../../../projections/group-performance/queries';
import { periodDates } from '../../../projections/group-performance/periods';
import { DISTRICTS, type District } from '../../issues/domain/vocabulary';
import { assertBusinessTime } from '../../issues/domain/time-rules';
import { shanghaiDate } from '../../groups/record/local-date';
import { adjustRows, type Adjustment } from '../../scoring/score-rows';
import { InvalidCommandError, NotFoundError, StateConflictError } from '../../shared-kernel/domain-errors';
import type { ReviewCommand } from './review-commands';
import type { AppealItem, ReviewEvent } from './review-events';
import type { ReviewState } from './review-state';

/**
 * What the review decider needs besides the state: the district of each issue an appeal
 * names (null: no such issue), looked up by the caller. `reviewId` names a review that does
 * not exist yet in messages.
 */
export interface ReviewContext {
  reviewId: string;
  issueDistrict?: (issueId: string) => District | null;
}

const PERIOD_NAMES: Record<Exclude<Period['kind'], 'day'>, string> = {
  month: '月度工作汇总',
  quarter: '季度工作讲评',
  year: '年度工作总结',
};

function required(field: string, value: string | null | undefined): string {
  const trimmed = value?.trim();
  if (!trimmed) throw new InvalidCommandError(field, 'is required and must not be blank');
  return trimmed;
}

/** The default title: 2023-Q2 → 2023年第2季度市区联动工作讲评. */
function defaultTitle(period: Period): string {
  const [year, rest] = [period.key.slice(0, 4), period.key.slice(5)];
  if (period.kind === 'quarter') return `${year}年第${rest.slice(1)}季度市区联动${PERIOD_NAMES.quarter}`;
  if (period.kind === 'month') return `${year}年${Number(rest)}月市区联动${PERIOD_NAMES.month}`;
  return `${year}年市区联动${PERIOD_NAMES.year}`;
}

/**
 * The review decider: drafting freezes the ranking it is handed; appeals and decisions only
 * while it is a draft; publication once every appeal is decided; after that, nothing. Pure.
 */
export function decideReview(
  command: ReviewCommand,
  state: ReviewState,
  context: ReviewContext,
): ReviewEvent[] {
  const { now, occurredAt } = command.metadata;
  assertBusinessTime('occurredAt', occurredAt, now);
  const at = occurredAt.toISOString();

  if (command.type === 'DraftReview') {
    if (state.status !== 'none') throw new StateConflictError(`review ${context.reviewId} already exists`);
    const d = command.data;
    const period = parsePeriod(d.period);
    if (period.kind === 'day')
      throw new InvalidCommandError(
        'period',
        'a review covers a month 2023-05, a quarter 2023-Q2 or a year 2023',
      );
    if (periodDates(period.key).first > shanghaiDate(now))
      throw new InvalidCommandError(
        'period',
        `${period.key} has not started yet; review a period that has begun`,
      );
    return [
      {
        type: 'ReviewDrafted',
        data: {
          reviewId: context.reviewId,
          period: period.key,
          title: d.title?.trim() || defaultTitle(period),
          rows: d.snapshot.rows,
          formula: d.snapshot.formula,
          position: d.snapshot.position,
          asOf: d.snapshot.asOf,
          draftedBy: required('draftedBy', d.by),
          occurredAt: at,
        },
      },
    ];
  }
  if (state.status === 'none') throw new NotFoundError(`review ${context.reviewId} does not exist`);
  if (state.status === 'published')
    throw new StateConflictError(
      `review ${state.reviewId} was published on ${state.published?.at ?? '?'}; a published review never changes`,
    );
  const reviewId = state.reviewId;

  switch (command.type) {
    case 'FileAppeal': {
      const d = command.data;
      if (state.appeals.some((a) => a.appealId === d.appealId))
        throw new StateConflictError(`appeal ${d.appealId} is already filed; use a new id`);
      if (!(DISTRICTS as readonly string[]).includes(d.district))
        throw new InvalidCommandError('district', `must be one of: ${DISTRICTS.join(', ')}`);
      const district = d.district as District;
      const items = (d.items ?? []).map((item, i) => appealItem(item, i, district, context));
      return [
        {
          type: 'AppealFiled',
          data: {
            reviewId,
            appealId: d.appealId,
            district,
            reason: required('reason', d.reason),
            items,
            filedBy: required('filedBy', d.by),
            occurredAt: at,
          },
        },
      ];
    }
    case 'DecideAppeal': {
      const d = command.data;
      const appeal = state.appeals.find((a) => a.appealId === d.appealId);
      if (!appeal) throw new NotFoundError(`appeal ${d.appealId} is not filed on review ${reviewId}`);
      if (appeal.decision)
        throw new StateConflictError(
          `appeal ${d.appealId} was already decided on ${appeal.decision.decidedAt}`,
        );
      if (typeof d.upheld !== 'boolean') throw new InvalidCommandError('upheld', 'must be true or false');
      const adjustments = (d.adjustments ?? []).map((a, i) => adjustment(a, i, state.formula.measures));
      if (!d.upheld && adjustments.length > 0)
        throw new InvalidCommandError(
          'adjustments',
          'only an upheld appeal adjusts the scores; send none, or upheld true',
        );
      const rows = adjustments.length > 0 ? adjustRows(state.rows, adjustments, state.formula) : state.rows;
      return [
        {
          type: 'AppealDecided',
          data: {
            reviewId,
            appealId: d.appealId,
            upheld: d.upheld,
            comment: required('comment', d.comment),
            adjustments,
            rows,
            decidedBy: required('decidedBy', d.by),
            occurredAt: at,
          },
        },
      ];
    }
    case 'PublishReview': {
      const open = state.appeals.filter((a) => !a.decision).map((a) => `${a.appealId} (${a.district})`);
      if (open.length > 0)
        throw new StateConflictError(`decide every appeal before publishing; still open: ${open.join(', ')}`);
      return [
        {
          type: 'ReviewPublished',
          data: {
            reviewId,
            comment: command.data.comment?.trim() || null,
            rows: state.rows,
            publishedBy: required('publishedBy', command.data.by),
            occurredAt: at,
          },
        },
      ];
    }
    default: {
      const never: never = command;
      throw new InvalidCommandError('type', `unknown review command ${JSON.stringify(never)}`);
    }
  }
}

function appealItem(item: AppealItem, i: number, district: District, context: ReviewContext): AppealItem {
  const field = `items[${i}]`;
  const issueId = required(`${field}.issueId`, item?.issueId);
  const found = context.issueDistrict?.(issueId);
  if (found === null) throw new InvalidCommandError(`${field}.issueId`, `issue ${issueId} does not exist`);
  if (found !== undefined && found !== district)
    throw new InvalidCommandError(
      `${field}.issueId`,
      `issue ${issueId} is in ${found}; appeal about ${district}'s own issues`,
    );
  return { issueId, claim: required(`${field}.claim`, item.claim) };
}

function adjustment(a: Adjustment, i: number, measures: Array<{ key: string; weight: number }>): Adjustment {
  const field = `adjustments[${i}]`;
  if (!(DISTRICTS as readonly string[]).includes(a?.district))
    throw new InvalidCommandError(`${field}.district`, `must be one of: ${DISTRICTS.join(', ')}`);
  const measure = measures.find((m) => m.key === a.measure);
  if (!measure)
    throw new InvalidCommandError(
      `${field}.measure`,
      `must be a measure of the review's formula: ${measures.map((m) => m.key).join(', ')}`,
    );
  if (
    typeof a.delta !== 'number' ||
    !Number.isFinite(a.delta) ||
    a.delta === 0 ||
    Math.abs(a.delta) > measure.weight
  )
    throw new InvalidCommandError(
      `${field}.delta`,
      `must be a number of points other than 0, at most ${measure.weight} (the weight of ${measure.key}) either way`,
    );
  return { district: a.district, measure: a.measure, delta: a.delta };
}
