import { auditId, toAuditEntry, toAuditItem } from '../../projections/audit-index/evolve-audit';
import { EventLog } from './issue-events.fixture';

describe('audit index entries', () => {
  it('hold where the event is and what GET /audit filters by, not the event, with ids that sort in log order', () => {
    const log = new EventLog();
    const report = log.reported('i1', '2023-03-01T00:00:00.000Z', 'haicang');
    const closed = log.closed('i1', '2023-03-02T00:00:00.000Z');
    expect(toAuditEntry(report, null)).toEqual({
      position: 1,
      type: 'IssueReported',
      occurredAt: '2023-03-01T00:00:00.000Z',
      actor: 'tester',
      issueId: 'i1',
      district: 'haicang',
    });
    // Later issue events do not name the district: the one remembered from the report.
    expect(toAuditEntry(closed, 'haicang')).toEqual({
      position: 2,
      type: 'IssueClosed',
      occurredAt: '2023-03-02T00:00:00.000Z',
      actor: 'tester',
      issueId: 'i1',
      district: 'haicang',
    });
    expect([auditId(10), auditId(9), auditId(100)].sort()).toEqual([auditId(9), auditId(10), auditId(100)]);
  });

  it('answer as the history item plus issue and district', () => {
    const log = new EventLog();
    const report = log.reported('i1', '2023-03-01T00:00:00.000Z', 'haicang');
    expect(toAuditItem(report, toAuditEntry(report, null))).toEqual({
      position: 1,
      revision: 0,
      type: 'IssueReported',
      data: report.data,
      occurredAt: '2023-03-01T00:00:00.000Z',
      recordedAt: report.recordedAt,
      // Recorded before sign-in existed: the actor text it carried, no role or district.
      actor: 'tester',
      actorRole: null,
      actorDistrict: null,
      correlationId: 'c1',
      causationId: null,
      schemaVersion: 1,
      issueId: 'i1',
      district: 'haicang',
    });
  });

  it("carry the sender's role and district, and for users and keys the identity area without any hash", () => {
    const log = new EventLog();
    const report = log.reported('i2', '2023-03-01T00:00:00.000Z', 'siming');
    const signed = {
      ...report,
      metadata: {
        ...report.metadata,
        actor: 'siming-group',
        actorRole: 'work-group',
        actorDistrict: 'siming',
      },
    };
    expect(toAuditEntry(signed, null)).toMatchObject({ actor: 'siming-group' });
    expect(toAuditEntry(signed, null)).not.toHaveProperty('area');
    expect(toAuditItem(signed, toAuditEntry(signed, null))).toMatchObject({
      actor: 'siming-group',
      actorRole: 'work-group',
      actorDistrict: 'siming',
    });
    const created = {
      ...report,
      streamId: 'user-siming-group',
      type: 'UserCreated',
      data: {
        username: 'siming-group',
        role: 'work-group',
        district: 'siming',
        passwordHash: '$argon2id$…',
        occurredAt: '2023-03-01T00:00:00.000Z',
      },
    };
    const entry = toAuditEntry(created, null);
    expect(entry).toMatchObject({ area: 'identity', issueId: null, district: null });
    expect(toAuditItem(created, entry)).toMatchObject({
      issueId: null,
      district: null,
      data: { username: 'siming-group', role: 'work-group', district: 'siming' },
    });
    expect(JSON.stringify(entry)).not.toContain('argon2');
    expect(JSON.stringify(toAuditItem(created, entry))).not.toContain('argon2');
  });
});
