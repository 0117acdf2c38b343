export * from './record-docs';
export { evolvePractice, evolveRecordEntry } from './evolve-record';
export { groupRecordProjection, PRACTICES_COLLECTION, RECORD_COLLECTION } from './projection';
export * from './queries';
