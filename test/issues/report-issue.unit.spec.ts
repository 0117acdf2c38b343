import { type ReportIssue } from '../../src/issues/domain';
import {
  InvalidCommandError,
  NotFoundError,
  StateConflictError,
} from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, REPORTED_AT, given, meta, reported } from './given-when-then';

const report = (over: Partial<ReportIssue['data']> = {}, occurredAt = REPORTED_AT): ReportIssue => ({
  type: 'ReportIssue',
  data: {
    issueId: ISSUE_ID,
    title: '  Pile test selection ignores length differences ',
    category: 'key-project',
    severity: 'high',
    district: 'haicang',
    source: 'inspection',
    reportedBy: ' group-haicang ',
    ...over,
  },
  metadata: meta(occurredAt),
});

describe('ReportIssue', () => {
  it('records the issue with trimmed text, null defaults and the business time', () => {
    given([]).when(report()).then([reported()]);
  });

  it('keeps description and site, trimmed', () => {
    given([])
      .when(report({ description: ' piles differ by over 40 m ', site: ' Haicang tunnel ' }))
      .then([reported({ description: 'piles differ by over 40 m', site: 'Haicang tunnel' })]);
  });

  it('refuses a second report of the same issue', () => {
    given([reported()]).when(report()).thenThrows(StateConflictError, `issue ${ISSUE_ID} already exists`);
  });

  it('refuses a blank title, naming the field', () => {
    const error = given([])
      .when(report({ title: '   ' }))
      .thenThrows(InvalidCommandError, 'title');
    expect((error as InvalidCommandError).field).toBe('title');
  });

  it('refuses a blank reporter', () => {
    given([])
      .when(report({ reportedBy: '' }))
      .thenThrows(InvalidCommandError, 'reportedBy');
  });
});

describe('any other command on an issue that does not exist', () => {
  it('is refused as not found, naming the issue', () => {
    given([])
      .when({ type: 'EscalateIssue', data: { by: 'leader', reason: 'stalled' }, metadata: meta() })
      .thenThrows(NotFoundError, `issue ${ISSUE_ID} does not exist`);
  });
});
