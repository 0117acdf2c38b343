export * from './issue-view';
export { evolveIssueView } from './evolve-issue-view';
export { issueStatusProjection, ISSUES_COLLECTION } from './projection';
export * from './queries';
