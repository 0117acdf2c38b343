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
      actor: 'tester',
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
});
