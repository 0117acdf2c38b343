import { type CloseIssue } from '../../src/issues/domain';
import { InvalidCommandError, StateConflictError } from '../../src/shared-kernel/domain-errors';
import { ISSUE_ID, assigned, closed, completed, given, meta, reported, verified } from './given-when-then';

const at = '2023-03-10T01:00:00.000Z';
const close = (over: Partial<CloseIssue['data']> = {}): CloseIssue => ({
  type: 'CloseIssue',
  data: { closedBy: 'group-siming', resolution: ' road repaired in 8 days ', ...over },
  metadata: meta(at),
});
const closedEvent = (forced: boolean, resolution = 'road repaired in 8 days') => ({
  type: 'IssueClosed' as const,
  data: { issueId: ISSUE_ID, closedBy: 'group-siming', resolution, forced, occurredAt: at },
});

describe('CloseIssue (销号)', () => {
  it('closes when every item is verified', () => {
    given([reported(), assigned('r-1'), completed('r-1'), verified('r-1')])
      .when(close())
      .then([closedEvent(false)]);
  });

  it('closes an issue that needed no items', () => {
    given([reported()])
      .when(close())
      .then([closedEvent(false)]);
  });

  it('refuses while items are unverified, listing them and how to force', () => {
    const error = given([
      reported(),
      assigned('r-1'),
      assigned('r-2'),
      completed('r-2'),
      assigned('r-3'),
      completed('r-3'),
      verified('r-3'),
    ])
      .when(close())
      .thenThrows(StateConflictError, 'r-1, r-2');
    expect(error.message).toContain('force: true');
    expect(error.message).not.toContain('r-3');
  });

  it('closes anyway when forced, and records that it was forced', () => {
    given([reported(), assigned('r-1')])
      .when(close({ force: true, resolution: 'contractor bankrupt; handed to district' }))
      .then([closedEvent(true, 'contractor bankrupt; handed to district')]);
  });

  it('does not call a close forced when nothing was unverified', () => {
    given([reported()])
      .when(close({ force: true }))
      .then([closedEvent(false)]);
  });

  it('refuses a blank resolution', () => {
    given([reported()])
      .when(close({ resolution: ' ' }))
      .thenThrows(InvalidCommandError, 'resolution');
  });

  it('refuses every command but reopening on a closed issue', () => {
    given([reported(), closed()])
      .when(close())
      .thenThrows(StateConflictError, `issue ${ISSUE_ID} is closed; only reopening is allowed`);
    given([reported(), closed()])
      .when({ type: 'EscalateIssue', data: { by: 'x', reason: 'y' }, metadata: meta(at) })
      .thenThrows(StateConflictError, 'only reopening is allowed');
  });
});
