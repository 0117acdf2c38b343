import type { Projection } from '../src/ports/projection';
import { auditIndexProjection } from './audit-index/projection';
import { escalationDeadlinesProjection } from './escalation-deadlines/projection';
import { groupPerformanceProjection } from './group-performance/projection';
import { groupRecordProjection } from './group-record/projection';
import { reviewsProjection } from './reviews/projection';
import { identityProjection } from './identity/projection';
import { issueStatusProjection } from './issue-status/projection';
import { suspensionsProjection } from './suspensions/projection';

/** Every read model the application runs, fed by one Projector. */
export const allProjections: Projection[] = [
  issueStatusProjection,
  groupPerformanceProjection,
  auditIndexProjection,
  escalationDeadlinesProjection,
  groupRecordProjection,
  reviewsProjection,
  identityProjection,
  suspensionsProjection,
];

/**
 * The read models an answer "as of" a past moment needs (the ranking, a review's sheets):
 * folded from the log in memory, by `LogFolds`, through these same projections.
 */
export const foldedProjections: Projection[] = [
  issueStatusProjection,
  groupPerformanceProjection,
  groupRecordProjection,
];

export * as issueStatus from './issue-status';
export * as groupPerformance from './group-performance';
export * as auditIndex from './audit-index';
export * as escalationDeadlines from './escalation-deadlines';
export * as groupRecord from './group-record';
export * as reviews from './reviews';
export * as identity from './identity';
export * as suspensions from './suspensions';
