export * from './evolve-audit';
export { auditIndexProjection, AUDIT_COLLECTION, AUDIT_ISSUE_DISTRICTS_COLLECTION } from './projection';
export * from './queries';
