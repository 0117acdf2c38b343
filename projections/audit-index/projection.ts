import type { StoredEvent } from '../../src/event-store/event-store';
import type { Projection } from '../../src/ports/projection';
import type { DocumentWriter } from '../../src/ports/read-store';
import { issueIdOf } from '../../src/issues/domain/stored-issue-event';
import { auditId, districtNamedBy, toAuditEntry } from './evolve-audit';
import { SIGNING_KEY_STREAM } from '../../src/identity/domain/identity-streams';

export const AUDIT_COLLECTION = 'audit';
export const AUDIT_ISSUE_DISTRICTS_COLLECTION = 'audit_issue_districts';

type IssueDistrictDoc = { id: string; district: string };

/** Every fact of the log, indexed by who, what, where and when, for GET /audit (the facts stay in the log). */
export const auditIndexProjection: Projection = {
  name: 'audit-index',
  collections: [
    {
      name: AUDIT_COLLECTION,
      // GET /audit pages in id (log) order. Indexes only for the selective filters: one
      // issue, one actor, a time range. district and area (the readers' scopes) and type match
      // large shares of the log: an index on them made SQLite collect and sort every match
      // before the first page, where scanning in id order stops after a page; recordedAt no
      // query reads. One row per event: each index dropped is a write less per event.
      indexes: ['actor', 'issueId', 'occurredAt'],
    },
    { name: AUDIT_ISSUE_DISTRICTS_COLLECTION },
  ],
  async handle(event: StoredEvent, docs: DocumentWriter): Promise<void> {
    // The generated signing key is a secret, not a fact anyone reads.
    if (event.streamId === SIGNING_KEY_STREAM) return;
    const issueId = issueIdOf(event);
    let known: string | null = null;
    if (issueId) {
      const named = event.type === 'IssueReported' ? districtNamedBy(event) : null;
      if (named) await docs.put(AUDIT_ISSUE_DISTRICTS_COLLECTION, issueId, { id: issueId, district: named });
      known =
        named ??
        (await docs.get<IssueDistrictDoc>(AUDIT_ISSUE_DISTRICTS_COLLECTION, issueId))?.district ??
        null;
    }
    await docs.put(AUDIT_COLLECTION, auditId(event.position), toAuditEntry(event, known));
  },
};
