export { deleteQueueKeys } from '../../src/escalation/queue/queue-keys';

export const TEST_REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';

let counter = 0;
/** A queue prefix no other test (or CI run) uses, so tests share one Redis without meeting. */
export const freshQueuePrefix = (label = 'e2e'): string =>
  `test-${label}-${process.pid}-${Date.now().toString(36)}-${counter++}`;
