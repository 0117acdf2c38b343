import { v7 } from 'uuid';

/**
 * The id of a new event or of a new thing (an issue, an entry, a review): a UUID whose leading
 * 48 bits are the time it was made (version 7), so ids made one after another sort together.
 * The event log keeps unique indexes on event ids and on stream ids with their revisions, and a
 * group commit's appends with random (version 4) ids each dirtied a page of their own in both:
 * 16 appends wrote some 34 pages to the WAL before its fsync. Time-ordered, they share the last
 * pages: a batch commits in two thirds of the time, and `POST /issues` at c=16 went from
 * 1,477–1,492/s to 1,692–1,962/s (docs/benchmarks.md). The rest of the id is random, so it
 * stays unguessable; an id derived from an Idempotency-Key is not one of these.
 */
export const timeOrderedId = (): string => v7();
