import type { CommandMetadata } from '../../issues/domain/issue-commands';
import type { Adjustment } from '../../scoring/score-rows';
import type { ScoringFormula } from '../../scoring/scoring-formula';
import type { PerformanceRow } from '../../groups/performance/performance-answer';
import type { AppealItem } from './review-events';

type Command<Type extends string, Data> = { type: Type; data: Data; metadata: CommandMetadata };

/**
 * The ranking computed for a draft, by the caller (it reads the log), handed to the decider
 * to freeze: the decider only checks and records it, so it stays pure.
 */
export type RankingSnapshot = {
  rows: PerformanceRow[];
  formula: ScoringFormula;
  position: number;
  asOf: string;
};

export type DraftReview = Command<
  'DraftReview',
  { reviewId: string; period: string; title?: string | null; snapshot: RankingSnapshot; by: string }
>;

export type FileAppeal = Command<
  'FileAppeal',
  { appealId: string; district: string; reason: string; items?: AppealItem[]; by: string }
>;

export type DecideAppeal = Command<
  'DecideAppeal',
  { appealId: string; upheld: boolean; comment: string; adjustments?: Adjustment[]; by: string }
>;

export type PublishReview = Command<'PublishReview', { comment?: string | null; by: string }>;

export type ReviewCommand = DraftReview | FileAppeal | DecideAppeal | PublishReview;
