export * from './group-performance-docs';
export { applyBucketDelta, evolveGroupPerformance } from './evolve-group-performance';
export { evolveRecordPerformance } from './evolve-record-performance';
export { shanghaiPeriods, bucketId, datePeriods, weekOf, periodDates } from './periods';
export {
  groupPerformanceProjection,
  GROUP_PERF_COLLECTION,
  GROUP_PERF_ISSUES_COLLECTION,
  GROUP_PERF_ENTRIES_COLLECTION,
} from './projection';
export * from './queries';
