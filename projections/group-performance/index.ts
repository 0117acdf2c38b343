export * from './group-performance-docs';
export { applyBucketDelta, evolveGroupPerformance } from './evolve-group-performance';
export { shanghaiPeriods, bucketId } from './periods';
export {
  groupPerformanceProjection,
  GROUP_PERF_COLLECTION,
  GROUP_PERF_ISSUES_COLLECTION,
} from './projection';
export * from './queries';
