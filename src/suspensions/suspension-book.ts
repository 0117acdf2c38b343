import type { EventStore, StoredEvent } from '../event-store/event-store';
import type { ReadStore } from '../ports/read-store';
import {
  allSuspensionDocs,
  evolveSuspensionDoc,
  suspensionsProjection,
  type SuspensionDoc,
} from '../../projections/suspensions';
import { covers, type Suspension } from './domain';

/** How far behind the log a refresh takes the read model instead of reading every event since. */
const RESEED_AFTER_EVENTS = 1000;

/** Injection token of the engine's SuspensionBook. */
export const SUSPENSION_BOOK = Symbol('SUSPENSION_BOOK');

/**
 * Every suspension on record, as of the head of the log when last refreshed. Seeded from the
 * `suspensions` read model (its checkpoint read before its documents, so nothing is missed)
 * and brought up to the head by reading the log after it: a refresh reads only the events
 * appended since the one before (or, over 1,000 events behind, takes the read model again
 * where it is further on), and is exact, whatever the projections' lag. Escalation
 * refreshes it before it times or fires a check, so a suspension approved a moment ago holds.
 */
export class SuspensionBook {
  private readonly docs = new Map<string, SuspensionDoc>();
  private position: number | null = null;
  private pending: Promise<void> = Promise.resolve();
  /** The suspensions as a list, kept until the book changes: the reconciler asks `periodsFor` for every pending issue. */
  private listed: Suspension[] | null = null;

  constructor(
    private readonly eventStore: EventStore,
    private readonly readStore: ReadStore,
  ) {}

  /** Brings the book up to the head of the log as it stands when called. */
  refresh(): Promise<void> {
    // One catch-up after another: a call that came in during a catch-up gets its own.
    const next = this.pending.then(() => this.catchUp());
    this.pending = next.catch(() => undefined);
    return next;
  }

  /**
   * Folds events the caller has already read from the log (a subscriber's batch), so the next
   * refresh need not read them again. Only a batch that continues where the book stands counts;
   * any other is ignored (the refresh reads the log itself).
   */
  observe(events: readonly StoredEvent[]): void {
    if (this.position === null || events.length === 0 || events[0].position > this.position + 1) return;
    for (const event of events) if (event.position > this.position) this.fold(event);
    this.position = Math.max(this.position, events[events.length - 1].position);
  }

  /** Every suspension, as of the last refresh. */
  all(): Suspension[] {
    return [...this.list()];
  }

  /** The suspensions covering an issue that suspend any time at all (not lifted before they began). */
  periodsFor(issue: { issueId: string; district: string }): Suspension[] {
    return this.list().filter((s) => covers(s.scope, issue) && s.endsAt > s.from);
  }

  private list(): Suspension[] {
    return (this.listed ??= [...this.docs.values()].map((doc) => doc.suspension));
  }

  /** What a suspension covers; null for one the book does not hold. */
  scopeOf(suspensionId: string): Suspension['scope'] | null {
    return this.docs.get(suspensionId)?.suspension.scope ?? null;
  }

  /** The suspensions in force at `at`. */
  inForceAt(at: Date): Suspension[] {
    const t = at.toISOString();
    return this.all().filter((s) => s.from <= t && t < s.endsAt);
  }

  private async catchUp(): Promise<void> {
    const head = await this.eventStore.headPosition();
    // Far behind (nothing fed it batches: the scheduler runs in its own thread), the read
    // model, when it is further on, is a few documents where the log is every event since.
    if (this.position === null || head - this.position > RESEED_AFTER_EVENTS) await this.seed();
    let position = this.position ?? 0;
    while (position < head) {
      const events = await this.eventStore.readAll({ after: position, maxCount: 1000 });
      if (events.length === 0) break;
      // Folding is idempotent (by revision), and a batch observed meanwhile may have moved it on.
      for (const event of events) this.fold(event);
      position = Math.max(this.position ?? 0, events[events.length - 1].position);
      this.position = position;
    }
  }

  /**
   * Takes the suspensions read model as it stands, when it is further on than the book: its
   * checkpoint is read before its documents, so a document may be newer than the checkpoint
   * (the fold of the events after it is idempotent), never older.
   */
  private async seed(): Promise<void> {
    const checkpoint = await this.readStore.checkpoint(suspensionsProjection.name);
    if (this.position !== null && checkpoint <= this.position) return;
    const docs = await allSuspensionDocs(this.readStore);
    this.docs.clear();
    for (const doc of docs) this.docs.set(doc.id, doc);
    this.listed = null;
    this.position = checkpoint;
  }

  private fold(event: StoredEvent): void {
    const id = (event.data as { suspensionId?: unknown } | null)?.suspensionId;
    if (typeof id !== 'string') return;
    const after = evolveSuspensionDoc(this.docs.get(id) ?? null, event);
    if (after && after !== this.docs.get(id)) {
      this.docs.set(id, after);
      this.listed = null;
    }
  }
}
