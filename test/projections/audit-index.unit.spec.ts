import { auditId, toAuditDoc } from '../../projections/audit-index/evolve-audit';
import { EventLog } from './issue-events.fixture';

describe('audit index entries', () => {
  it('are the history item plus issue and district, with ids that sort in log order', () => {
    const log = new EventLog();
    const report = log.reported('i1', '2023-03-01T00:00:00.000Z', 'haicang');
    const closed = log.closed('i1', '2023-03-02T00:00:00.000Z');
    expect(toAuditDoc(report, null)).toEqual({
      id: '000000000000001',
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
    expect(toAuditDoc(closed, 'haicang')).toMatchObject({
      type: 'IssueClosed',
      issueId: 'i1',
      district: 'haicang',
    });
    expect([auditId(10), auditId(9), auditId(100)].sort()).toEqual([auditId(9), auditId(10), auditId(100)]);
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
    expect(toAuditDoc(signed, null)).toMatchObject({
      actor: 'siming-group',
      actorRole: 'work-group',
      actorDistrict: 'siming',
    });
    expect(toAuditDoc(signed, null)).not.toHaveProperty('area');
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
    expect(toAuditDoc(created, null)).toMatchObject({
      area: 'identity',
      issueId: null,
      district: null,
      data: { username: 'siming-group', role: 'work-group', district: 'siming' },
    });
    expect(JSON.stringify(toAuditDoc(created, null))).not.toContain('argon2');
  });
});
