import type { Projection } from '../src/ports/projection';
import { auditIndexProjection } from './audit-index/projection';
import { escalationDeadlinesProjection } from './escalation-deadlines/projection';
import { groupPerformanceProjection } from './group-performance/projection';
import { issueStatusProjection } from './issue-status/projection';

/** Every read model the application runs, fed by one Projector. */
export const allProjections: Projection[] = [
  issueStatusProjection,
  groupPerformanceProjection,
  auditIndexProjection,
  escalationDeadlinesProjection,
];

export * as issueStatus from './issue-status';
export * as groupPerformance from './group-performance';
export * as auditIndex from './audit-index';
export * as escalationDeadlines from './escalation-deadlines';
